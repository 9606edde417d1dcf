package io.github.reloadloop.core.internal.inplace;

import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The classes an in-place change defines next to the changed class, in its package: companions (static
 * methods), holders of added static fields, and the link class whose bootstrap method links every call site
 * through a table of method handles that the reloader fills. Package-private and synthetic; their methods
 * keep the compiled code's names and line numbers, so that stack traces name the user's method. Pure.
 */
final class Generated {

  private static final int CLASS_ACCESS = Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
  /** The link table: one bootstrap handle {@code (Lookup, String, MethodType)CallSite} per site. */
  static final String SITES = "sites";
  static final String SITES_DESCRIPTOR = "[Ljava/lang/invoke/MethodHandle;";

  private Generated() {}

  /** A class of static methods (a companion) or of static fields with their initialiser (a holder). */
  static ClassNode holder(String name, int version, String source, List<MethodNode> methods,
      List<FieldNode> fields) {
    ClassNode node = new ClassNode();
    node.version = version;
    node.access = CLASS_ACCESS;
    node.name = name;
    node.superName = "java/lang/Object";
    node.sourceFile = source;
    node.methods.addAll(methods);
    node.fields.addAll(fields);
    return node;
  }

  /**
   * The link class: {@code static volatile MethodHandle[] sites} and
   * {@code static CallSite link(Lookup, String, MethodType, int index)}, which asks entry {@code index} of the
   * table for the call site.
   */
  static ClassNode link(String name, int version, String source) {
    MethodNode link = new MethodNode(Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, "link", Site.LINK_DESCRIPTOR,
        null, new String[] {"java/lang/Throwable"});
    link.instructions.add(new FieldInsnNode(Opcodes.GETSTATIC, name, SITES, SITES_DESCRIPTOR));
    link.instructions.add(new VarInsnNode(Opcodes.ILOAD, 3));
    link.instructions.add(new InsnNode(Opcodes.AALOAD));
    link.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
    link.instructions.add(new VarInsnNode(Opcodes.ALOAD, 1));
    link.instructions.add(new VarInsnNode(Opcodes.ALOAD, 2));
    link.instructions.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
            + "Ljava/lang/invoke/CallSite;", false));
    link.instructions.add(new TypeInsnNode(Opcodes.CHECKCAST, "java/lang/invoke/CallSite"));
    link.instructions.add(new InsnNode(Opcodes.ARETURN));
    link.maxStack = 4;
    link.maxLocals = 4;
    FieldNode sites = new FieldNode(Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE | Opcodes.ACC_SYNTHETIC, SITES,
        SITES_DESCRIPTOR, null, null);
    return holder(name, version, source, List.of(link), List.of(sites));
  }

  /** The class file; frames are taken as they are, so that no class is loaded to write it. */
  static byte[] write(ClassNode node) {
    ClassWriter writer = new ClassWriter(0);
    node.accept(writer);
    return writer.toByteArray();
  }
}
