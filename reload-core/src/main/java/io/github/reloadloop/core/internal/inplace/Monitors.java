package io.github.reloadloop.core.internal.inplace;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Turns a {@code synchronized} method that moves to a companion as a static method into one that locks what
 * the original locked (the object, or the class for a static method), as javac compiles a
 * {@code synchronized} block: the lock is kept in a new local, released before every return and, by a
 * catch-all handler, when an exception leaves the method. Expects expanded frames, which it extends with the
 * new local. Pure.
 */
final class Monitors {

  private Monitors() {}

  /**
   * @param method the method, already static, whose first parameter is the object for an instance method
   * @param owner internal name of the original class (locked for a static method)
   * @param instance whether the original was an instance method
   */
  static void lockAround(MethodNode method, String owner, boolean instance) {
    int lock = method.maxLocals;
    method.maxLocals = lock + 1;
    method.maxStack += 2;
    method.access &= ~Opcodes.ACC_SYNCHRONIZED;
    for (AbstractInsnNode node = method.instructions.getFirst(); node != null; node = node.getNext()) {
      if (node instanceof FrameNode frame) {
        frame.local = withLock(frame.local, lock);
      } else if (node.getOpcode() >= Opcodes.IRETURN && node.getOpcode() <= Opcodes.RETURN) {
        InsnList release = new InsnList();
        release.add(new VarInsnNode(Opcodes.ALOAD, lock));
        release.add(new InsnNode(Opcodes.MONITOREXIT));
        method.instructions.insertBefore(node, release);
      }
    }
    LabelNode start = new LabelNode();
    LabelNode end = new LabelNode();
    LabelNode handler = new LabelNode();
    InsnList enter = new InsnList();
    enter.add(instance ? new VarInsnNode(Opcodes.ALOAD, 0) : new LdcInsnNode(Type.getObjectType(owner)));
    enter.add(new InsnNode(Opcodes.DUP));
    enter.add(new VarInsnNode(Opcodes.ASTORE, lock));
    enter.add(new InsnNode(Opcodes.MONITORENTER));
    enter.add(start);
    method.instructions.insert(enter);
    InsnList exit = new InsnList();
    exit.add(end);
    exit.add(handler);
    List<Object> locals = new ArrayList<>();
    for (int i = 0; i < lock; i++) {
      locals.add(Opcodes.TOP);
    }
    locals.add("java/lang/Object");
    exit.add(new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), 1, new Object[] {"java/lang/Throwable"}));
    exit.add(new VarInsnNode(Opcodes.ALOAD, lock));
    exit.add(new InsnNode(Opcodes.MONITOREXIT));
    exit.add(new InsnNode(Opcodes.ATHROW));
    method.instructions.add(exit);
    method.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
  }

  /** A frame's locals padded with {@code TOP} up to the lock's slot, then the lock. */
  private static List<Object> withLock(List<Object> locals, int lock) {
    List<Object> padded = new ArrayList<>(locals == null ? List.of() : locals);
    int slots = StackDepth.slots(padded);
    while (slots < lock) {
      padded.add(Opcodes.TOP);
      slots++;
    }
    padded.add("java/lang/Object");
    return padded;
  }
}
