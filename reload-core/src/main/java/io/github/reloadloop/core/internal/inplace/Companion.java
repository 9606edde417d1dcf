package io.github.reloadloop.core.internal.inplace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Methods as they live in a companion: static, package-private, an instance method taking its object first
 * (in local 0, where {@code this} was, so the code reads the same), locking what it locked if it was
 * {@code synchronized}, without annotations (the companion is nothing that frameworks look at). Pure.
 */
final class Companion {

  private static final int KEPT = Opcodes.ACC_SYNTHETIC | Opcodes.ACC_VARARGS | Opcodes.ACC_STRICT;

  private Companion() {}

  static String staticDescriptor(MethodNode method, String owner) {
    return (method.access & Opcodes.ACC_STATIC) != 0 ? method.desc : "(L" + owner + ";" + method.desc.substring(1);
  }

  static int staticAccess(MethodNode method) {
    return Opcodes.ACC_STATIC | (method.access & KEPT);
  }

  /** The compiled method turned into its home's static method (the compiled node itself, changed). */
  static MethodNode staticForm(MethodNode method, Home home, String owner) {
    boolean instance = (method.access & Opcodes.ACC_STATIC) == 0;
    boolean locked = (method.access & Opcodes.ACC_SYNCHRONIZED) != 0;
    method.name = home.name();
    method.desc = home.descriptor();
    method.access = home.access();
    if (locked) {
      Monitors.lockAround(method, owner, instance);
    }
    method.visibleAnnotations = null;
    method.invisibleAnnotations = null;
    method.visibleTypeAnnotations = null;
    method.invisibleTypeAnnotations = null;
    method.visibleParameterAnnotations = null;
    method.invisibleParameterAnnotations = null;
    method.visibleAnnotableParameterCount = 0;
    method.invisibleAnnotableParameterCount = 0;
    method.visibleLocalVariableAnnotations = null;
    method.invisibleLocalVariableAnnotations = null;
    method.parameters = null;
    method.signature = null;
    InPlaceEngine.dropTypeAnnotations(method);
    return method;
  }

  /**
   * The companions whose code changes: each of their methods that got new code takes it, the others keep
   * the code they run; a companion whose methods all read the same as they ran is left alone.
   *
   * @param running each companion's class file as it runs
   * @param code new code by companion, as static methods
   */
  static Map<String, byte[]> redefinitions(Map<String, byte[]> running, Map<String, List<MethodNode>> code) {
    Map<String, byte[]> changed = new LinkedHashMap<>();
    running.forEach((name, bytes) -> {
      List<MethodNode> methods = code.get(name);
      if (methods == null) {
        return;
      }
      ClassNode node = InPlaceEngine.read(bytes);
      boolean differs = false;
      for (MethodNode method : methods) {
        for (int i = 0; i < node.methods.size(); i++) {
          MethodNode old = node.methods.get(i);
          if (old.name.equals(method.name) && old.desc.equals(method.desc)) {
            differs |= !Fingerprint.of(old, name, n -> false).equals(Fingerprint.of(method, name, n -> false));
            node.methods.set(i, method);
          }
        }
      }
      if (differs) {
        changed.put(name, Generated.write(node));
      }
    });
    return changed;
  }
}
