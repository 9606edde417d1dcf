package io.github.reloadloop.core.internal.inplace;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;

/**
 * The operand stack's depth, in slots, before each instruction of a method whose frames were read expanded:
 * a linear pass that takes the depth from each frame, which every branch target and every instruction after
 * an unconditional jump has. Pure.
 */
final class StackDepth {

  private StackDepth() {}

  /** Depth before each node of {@code code} (labels, lines and frames get the depth at their place). */
  static int[] before(InsnList code) {
    int[] depths = new int[code.size()];
    int depth = 0;
    int i = 0;
    for (AbstractInsnNode node = code.getFirst(); node != null; node = node.getNext(), i++) {
      if (node instanceof FrameNode frame) {
        depth = slots(frame.stack);
      }
      depths[i] = depth;
      if (node.getOpcode() >= 0) {
        depth += effect(node);
      }
    }
    return depths;
  }

  /** Slots taken by the values of an expanded frame's stack or locals. */
  static int slots(List<Object> values) {
    int slots = 0;
    for (Object value : values == null ? List.of() : values) {
      slots += value == Opcodes.LONG || value == Opcodes.DOUBLE ? 2 : 1;
    }
    return slots;
  }

  /** What one instruction does to the depth. */
  static int effect(AbstractInsnNode node) {
    int op = node.getOpcode();
    switch (node.getType()) {
      case AbstractInsnNode.FIELD_INSN -> {
        int size = Type.getType(((FieldInsnNode) node).desc).getSize();
        return switch (op) {
          case Opcodes.GETSTATIC -> size;
          case Opcodes.PUTSTATIC -> -size;
          case Opcodes.GETFIELD -> size - 1;
          default -> -size - 1;
        };
      }
      case AbstractInsnNode.METHOD_INSN -> {
        int sizes = Type.getArgumentsAndReturnSizes(((MethodInsnNode) node).desc);
        int receiver = op == Opcodes.INVOKESTATIC ? 0 : 1;
        return (sizes & 3) - (sizes >> 2) - receiver + 1;
      }
      case AbstractInsnNode.INVOKE_DYNAMIC_INSN -> {
        int sizes = Type.getArgumentsAndReturnSizes(((InvokeDynamicInsnNode) node).desc);
        return (sizes & 3) - (sizes >> 2) + 1;
      }
      case AbstractInsnNode.LDC_INSN -> {
        Object value = ((LdcInsnNode) node).cst;
        return value instanceof Long || value instanceof Double ? 2 : 1;
      }
      case AbstractInsnNode.MULTIANEWARRAY_INSN -> {
        return 1 - ((MultiANewArrayInsnNode) node).dims;
      }
      default -> {
        return plain(op);
      }
    }
  }

  private static int plain(int op) {
    return switch (op) {
      case Opcodes.NOP, Opcodes.INEG, Opcodes.LNEG, Opcodes.FNEG, Opcodes.DNEG, Opcodes.I2F, Opcodes.L2D,
          Opcodes.F2I, Opcodes.D2L, Opcodes.I2B, Opcodes.I2C, Opcodes.I2S, Opcodes.IINC, Opcodes.GOTO,
          Opcodes.RETURN, Opcodes.NEWARRAY, Opcodes.ANEWARRAY, Opcodes.ARRAYLENGTH, Opcodes.CHECKCAST,
          Opcodes.INSTANCEOF, Opcodes.SWAP, Opcodes.RET, Opcodes.LALOAD, Opcodes.DALOAD -> 0;
      case Opcodes.ACONST_NULL, Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2,
          Opcodes.ICONST_3, Opcodes.ICONST_4, Opcodes.ICONST_5, Opcodes.FCONST_0, Opcodes.FCONST_1,
          Opcodes.FCONST_2, Opcodes.BIPUSH, Opcodes.SIPUSH, Opcodes.ILOAD, Opcodes.FLOAD, Opcodes.ALOAD,
          Opcodes.DUP, Opcodes.DUP_X1, Opcodes.DUP_X2, Opcodes.I2L, Opcodes.I2D, Opcodes.F2L, Opcodes.F2D,
          Opcodes.NEW, Opcodes.JSR -> 1;
      case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1, Opcodes.LLOAD,
          Opcodes.DLOAD, Opcodes.DUP2, Opcodes.DUP2_X1, Opcodes.DUP2_X2 -> 2;
      case Opcodes.ISTORE, Opcodes.FSTORE, Opcodes.ASTORE, Opcodes.POP, Opcodes.IALOAD, Opcodes.FALOAD,
          Opcodes.AALOAD, Opcodes.BALOAD, Opcodes.CALOAD, Opcodes.SALOAD, Opcodes.IADD, Opcodes.FADD,
          Opcodes.ISUB, Opcodes.FSUB, Opcodes.IMUL, Opcodes.FMUL, Opcodes.IDIV, Opcodes.FDIV, Opcodes.IREM,
          Opcodes.FREM, Opcodes.ISHL, Opcodes.ISHR, Opcodes.IUSHR, Opcodes.LSHL, Opcodes.LSHR, Opcodes.LUSHR,
          Opcodes.IAND, Opcodes.IOR, Opcodes.IXOR, Opcodes.L2I, Opcodes.L2F, Opcodes.D2I, Opcodes.D2F,
          Opcodes.FCMPL, Opcodes.FCMPG, Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT,
          Opcodes.IFLE, Opcodes.TABLESWITCH, Opcodes.LOOKUPSWITCH, Opcodes.IRETURN, Opcodes.FRETURN,
          Opcodes.ARETURN, Opcodes.ATHROW, Opcodes.MONITORENTER, Opcodes.MONITOREXIT, Opcodes.IFNULL,
          Opcodes.IFNONNULL -> -1;
      case Opcodes.LSTORE, Opcodes.DSTORE, Opcodes.POP2, Opcodes.LADD, Opcodes.DADD, Opcodes.LSUB,
          Opcodes.DSUB, Opcodes.LMUL, Opcodes.DMUL, Opcodes.LDIV, Opcodes.DDIV, Opcodes.LREM, Opcodes.DREM,
          Opcodes.LAND, Opcodes.LOR, Opcodes.LXOR, Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT,
          Opcodes.IF_ICMPGE, Opcodes.IF_ICMPGT, Opcodes.IF_ICMPLE, Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE,
          Opcodes.LRETURN, Opcodes.DRETURN -> -2;
      case Opcodes.IASTORE, Opcodes.FASTORE, Opcodes.AASTORE, Opcodes.BASTORE, Opcodes.CASTORE,
          Opcodes.SASTORE, Opcodes.LCMP, Opcodes.DCMPL, Opcodes.DCMPG -> -3;
      case Opcodes.LASTORE, Opcodes.DASTORE -> -4;
      default -> throw new IllegalArgumentException("unknown opcode " + op);
    };
  }
}
