package io.github.reloadloop.core.internal.inplace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Takes the initialiser of an added private field out of the compiled class, so that it can run on its own:
 * a static field's from the static initialiser (run once, by the class that holds the field), an instance
 * field's from the constructors (run for an object created before the field existed, the first time the
 * field is read). An initialiser is the statement that ends with the store to the field and starts where the
 * operand stack was last empty, such that no jump, switch or exception handler crosses its ends and it uses
 * no local variable (but {@code this}). Expects expanded frames. Pure.
 */
final class Initializers {

  /** Instructions taken out of a method, with the exception handlers wholly inside them. */
  record Code(InsnList instructions, List<TryCatchBlockNode> handlers, int maxStack) {}

  private Initializers() {}

  /**
   * The code of a static field's initialiser, ending with its {@code putstatic}, or {@code null} when the
   * static initialiser does not set the field (a constant, or the default value).
   *
   * @throws NotInPlace when the initialiser cannot be taken out on its own
   */
  static Code ofStatic(MethodNode clinit, String owner, FieldNode field) {
    if (clinit == null) {
      return null;
    }
    AbstractInsnNode[] nodes = clinit.instructions.toArray();
    int store = -1;
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] instanceof FieldInsnNode f && f.getOpcode() == Opcodes.PUTSTATIC && f.owner.equals(owner)
          && f.name.equals(field.name) && f.desc.equals(field.desc)) {
        if (store >= 0) {
          throw new NotInPlace("the static initialiser sets the added field " + field.name + " twice");
        }
        store = i;
      }
    }
    if (store < 0) {
      return null;
    }
    int[] depths = StackDepth.before(clinit.instructions);
    for (int start = store; start >= 0; start--) {
      if (nodes[start].getOpcode() >= 0 && depths[start] == 0) {
        int from = withLine(nodes, start, Fingerprint.targets(clinit));
        if (selfContained(clinit, nodes, from, store, owner, false)) {
          return copy(clinit, nodes, from, store + 1, 0, null);
        }
      }
    }
    throw new NotInPlace("the initialiser of the added static field " + field.name + " cannot run on its own");
  }

  /**
   * The initialiser of an instance field, as the body of a static method that takes the object and returns
   * the field's first value, or {@code null} when the constructor does not start by initialising the field
   * (no initialiser: the default value).
   *
   * @param name the method's name
   */
  static MethodNode ofInstance(List<MethodNode> constructors, String owner, String superName, FieldNode field,
      String name) {
    for (MethodNode constructor : constructors) {
      AbstractInsnNode[] nodes = constructor.instructions.toArray();
      int[] depths = StackDepth.before(constructor.instructions);
      int call = superCall(nodes, depths, owner, superName);
      if (call < 0) {
        continue; // this(...): the constructor it calls runs the initialisers.
      }
      int statement = call + 1;
      while (true) {
        int start = next(nodes, statement);
        if (start < 0 || !(nodes[start] instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD
            && load.var == 0) || depths[start] != 0) {
          return null;
        }
        int end = endOfStatement(nodes, depths, start);
        if (end < 0 || !(nodes[end] instanceof FieldInsnNode put && put.getOpcode() == Opcodes.PUTFIELD
            && put.owner.equals(owner))) {
          return null;
        }
        if (put.name.equals(field.name) && put.desc.equals(field.desc)) {
          if (!selfContained(constructor, nodes, start, end, owner, true)) {
            return null; // Set from the constructor's parameters: not an initialiser.
          }
          return initializerMethod(constructor, nodes, start, end, owner, field, name);
        }
        statement = end + 1;
      }
    }
    return null;
  }

  private static MethodNode initializerMethod(MethodNode constructor, AbstractInsnNode[] nodes, int start, int end,
      String owner, FieldNode field, String name) {
    Code code = copy(constructor, nodes, start + 1, end, 1, owner);
    MethodNode method = new MethodNode(Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, name,
        "(L" + owner + ";)" + field.desc, null, null);
    method.instructions = code.instructions();
    method.instructions.add(new InsnNode(Type.getType(field.desc).getOpcode(Opcodes.IRETURN)));
    method.tryCatchBlocks = new ArrayList<>(code.handlers());
    method.maxStack = code.maxStack();
    method.maxLocals = 1;
    return method;
  }

  /** The index of the constructor's call of its superclass's constructor, or -1 for {@code this(...)}. */
  private static int superCall(AbstractInsnNode[] nodes, int[] depths, String owner, String superName) {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
          && call.name.equals("<init>") && depths[i] + StackDepth.effect(call) == 0) {
        return call.owner.equals(superName) && !call.owner.equals(owner) ? i : -1;
      }
    }
    return -1;
  }

  private static int next(AbstractInsnNode[] nodes, int from) {
    for (int i = from; i < nodes.length; i++) {
      if (nodes[i].getOpcode() >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The last instruction of the statement starting at {@code start}: where the stack is empty again. */
  private static int endOfStatement(AbstractInsnNode[] nodes, int[] depths, int start) {
    for (int i = start; i < nodes.length; i++) {
      if (nodes[i].getOpcode() >= 0 && depths[i] + StackDepth.effect(nodes[i]) == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Moves a start back over the label and line number in front of it, unless a jump targets that label. */
  private static int withLine(AbstractInsnNode[] nodes, int start, Set<LabelNode> targets) {
    int from = start;
    while (from > 0 && (nodes[from - 1] instanceof LineNumberNode
        || nodes[from - 1] instanceof LabelNode label && !targets.contains(label))) {
      from--;
    }
    return from;
  }

  /**
   * Whether nodes {@code from..to} (inclusive) can run on their own: no jump in or out, no handler across
   * their ends, no other field of the class set, and no local variable but {@code this} where allowed.
   */
  private static boolean selfContained(MethodNode method, AbstractInsnNode[] nodes, int from, int to, String owner,
      boolean thisAllowed) {
    Map<LabelNode, Integer> at = new HashMap<>();
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] instanceof LabelNode label) {
        at.put(label, i);
      }
    }
    for (int i = 0; i < nodes.length; i++) {
      boolean inside = i >= from && i <= to;
      for (LabelNode target : Fingerprint.targets(nodes[i])) {
        int position = at.get(target);
        if (inside != (position >= from && position <= to)) {
          return false;
        }
      }
      if (!inside) {
        continue;
      }
      AbstractInsnNode node = nodes[i];
      if (node instanceof VarInsnNode v && !(thisAllowed && v.var == 0 && v.getOpcode() == Opcodes.ALOAD)
          || node instanceof IincInsnNode || node.getOpcode() == Opcodes.JSR
          || node.getOpcode() >= Opcodes.IRETURN && node.getOpcode() <= Opcodes.RETURN) {
        return false;
      }
      if (i < to && node instanceof FieldInsnNode f && f.owner.equals(owner)
          && (f.getOpcode() == Opcodes.PUTFIELD || f.getOpcode() == Opcodes.PUTSTATIC)) {
        return false;
      }
      if (node instanceof FrameNode frame && !thisAllowed && StackDepth.slots(frame.local) > 0
          && frame.local.stream().anyMatch(l -> l != Opcodes.TOP)) {
        return false;
      }
    }
    for (TryCatchBlockNode block : method.tryCatchBlocks) {
      int start = at.get(block.start);
      int end = at.get(block.end);
      int handler = at.get(block.handler);
      boolean in = start >= from && start <= to;
      if (in != (end >= from && end <= to) || in != (handler >= from && handler <= to)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Copies nodes {@code from..to-1} with fresh labels. Frames get the new method's locals: none, or
   * {@code this} alone ({@code self} not null), and lose the object the initialiser's store would have
   * consumed from the bottom of their stack ({@code dropBottom}).
   */
  private static Code copy(MethodNode method, AbstractInsnNode[] nodes, int from, int to, int dropBottom,
      String self) {
    Map<LabelNode, LabelNode> labels = new HashMap<>();
    for (AbstractInsnNode node : nodes) {
      if (node instanceof LabelNode label) {
        labels.put(label, new LabelNode());
      }
    }
    InsnList copy = new InsnList();
    boolean started = false;
    for (int i = from; i < to; i++) {
      AbstractInsnNode node = nodes[i];
      if (node instanceof FrameNode frame) {
        if (!started) {
          continue; // The method's start has the frame its descriptor implies.
        }
        List<Object> stack = new ArrayList<>(frame.stack == null ? List.of() : frame.stack);
        stack.subList(0, Math.min(dropBottom, stack.size())).clear();
        Object[] locals = self == null ? new Object[0] : new Object[] {self};
        copy.add(new FrameNode(Opcodes.F_NEW, locals.length, locals, stack.size(), stack.toArray()));
        continue;
      }
      if (node instanceof LineNumberNode line && !contains(nodes, from, to, line.start)) {
        continue; // Its label stays behind.
      }
      started |= node.getOpcode() >= 0;
      copy.add(node.clone(labels));
    }
    List<TryCatchBlockNode> handlers = new ArrayList<>();
    for (TryCatchBlockNode block : method.tryCatchBlocks) {
      if (contains(nodes, from, to, block.start)) {
        handlers.add(new TryCatchBlockNode(labels.get(block.start), labels.get(block.end),
            labels.get(block.handler), block.type));
      }
    }
    return new Code(copy, handlers, method.maxStack);
  }

  private static boolean contains(AbstractInsnNode[] nodes, int from, int to, AbstractInsnNode wanted) {
    for (int i = from; i < to; i++) {
      if (nodes[i] == wanted) {
        return true;
      }
    }
    return false;
  }
}
