package io.github.reloadloop.junit.internal.examine.access;

import static io.github.reloadloop.junit.internal.examine.access.ConstantPool.putU2;
import static io.github.reloadloop.junit.internal.examine.access.ConstantPool.u2;

import java.lang.reflect.Modifier;

/**
 * Makes a class file's classes and members public, for the compiler's eyes only: JShell compiles
 * snippets in a package of its own, where a package-private test class and its private fields would be
 * out of reach. The running classes are never changed; {@link SnippetLoader} makes the snippets' access
 * work at run time. Private constructors and private interface methods stay as they are (a snippet
 * cannot reach them; the compiler says so).
 */
final class AccessOpener {

  private static final int VISIBILITY = Modifier.PUBLIC | Modifier.PRIVATE | Modifier.PROTECTED;

  private AccessOpener() {}

  /** A copy of {@code classFile} with the access flags opened. */
  static byte[] open(byte[] classFile) {
    byte[] bytes = classFile.clone();
    ClassStructure structure = new ClassStructure(bytes);
    int classFlags = u2(bytes, structure.classFlagsOffset);
    boolean isInterface = (classFlags & Modifier.INTERFACE) != 0;
    if ((classFlags & 0x8000) != 0) {
      return classFile; // module-info
    }
    makePublic(bytes, structure.classFlagsOffset);
    structure.fields.forEach(f -> makePublic(bytes, f.flagsOffset()));
    for (ClassStructure.Member method : structure.methods) {
      boolean isPrivate = (u2(bytes, method.flagsOffset()) & Modifier.PRIVATE) != 0;
      if (isPrivate && (isInterface || method.name().equals("<init>"))) {
        continue;
      }
      makePublic(bytes, method.flagsOffset());
    }
    structure.innerClassFlagsOffsets.forEach(offset -> makePublic(bytes, offset));
    return bytes;
  }

  private static void makePublic(byte[] bytes, int flagsOffset) {
    putU2(bytes, flagsOffset, (u2(bytes, flagsOffset) & ~VISIBILITY) | Modifier.PUBLIC);
  }
}
