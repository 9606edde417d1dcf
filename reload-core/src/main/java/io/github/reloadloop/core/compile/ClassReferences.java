package io.github.reloadloop.core.compile;

import java.util.HashSet;
import java.util.Set;

/**
 * The packages a class file can name, read from its constant pool: the names of class entries, and every
 * {@code Lpkg/Name;} in a descriptor or signature (field and method types, generic signatures, annotation
 * values, record components). A compiler that reads the class learns of no other class, so a package not in
 * this set cannot reach the compiler's view of the class. An over-estimate: any UTF-8 constant that looks
 * like a descriptor counts.
 */
final class ClassReferences {

  private ClassReferences() {}

  /**
   * The packages (dotted, {@code ""} for the unnamed package) named in {@code classFile}.
   *
   * @throws IllegalArgumentException for bytes that are not a class file
   */
  static Set<String> packages(byte[] classFile) {
    if (classFile.length < 10 || readInt(classFile, 0) != 0xCAFEBABE) {
      throw new IllegalArgumentException("not a class file");
    }
    Set<String> packages = new HashSet<>();
    int count = readUnsignedShort(classFile, 8);
    int[] utf8Offsets = new int[count];
    int[] classNames = new int[count];
    int offset = 10;
    for (int index = 1; index < count; index++) {
      int tag = classFile[offset] & 0xFF;
      switch (tag) {
        case 1 -> { // Utf8
          utf8Offsets[index] = offset;
          offset += 3 + readUnsignedShort(classFile, offset + 1);
        }
        case 7 -> { // Class
          classNames[index] = readUnsignedShort(classFile, offset + 1);
          offset += 3;
        }
        case 8, 16, 19, 20 -> offset += 3; // String, MethodType, Module, Package
        case 15 -> offset += 4; // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> offset += 5; // Integer, Float, refs, NameAndType, dynamic
        case 5, 6 -> { // Long, Double take two slots
          offset += 9;
          index++;
        }
        default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at " + offset);
      }
    }
    for (int index = 1; index < count; index++) {
      if (classNames[index] != 0) {
        addClassName(utf8(classFile, utf8Offsets[classNames[index]]), packages);
      } else if (utf8Offsets[index] != 0) {
        addDescriptorNames(utf8(classFile, utf8Offsets[index]), packages);
      }
    }
    return packages;
  }

  /** A class entry: an internal name ({@code a/b/C}) or an array descriptor ({@code [La/b/C;}). */
  private static void addClassName(String name, Set<String> packages) {
    if (name.startsWith("[")) {
      addDescriptorNames(name, packages);
      return;
    }
    int slash = name.lastIndexOf('/');
    packages.add(slash < 0 ? "" : name.substring(0, slash).replace('/', '.'));
  }

  /** Every {@code Lpkg/Name} followed by {@code ;}, {@code <} or {@code .} in a descriptor or signature. */
  private static void addDescriptorNames(String text, Set<String> packages) {
    int start = text.indexOf('L');
    while (start >= 0) {
      int end = start + 1;
      int slash = -1;
      while (end < text.length() && isNamePart(text.charAt(end))) {
        if (text.charAt(end) == '/') {
          slash = end;
        }
        end++;
      }
      if (slash > start + 1 && end < text.length() && ";<.".indexOf(text.charAt(end)) >= 0) {
        packages.add(text.substring(start + 1, slash).replace('/', '.'));
      }
      start = text.indexOf('L', Math.max(end, start + 1));
    }
  }

  private static boolean isNamePart(char c) {
    return c == '/' || c == '$' || Character.isJavaIdentifierPart(c);
  }

  /** Modified UTF-8 as the class file stores it; non-ASCII is decoded well enough to find package names. */
  private static String utf8(byte[] bytes, int offset) {
    int length = readUnsignedShort(bytes, offset + 1);
    StringBuilder text = new StringBuilder(length);
    int i = offset + 3;
    int end = i + length;
    while (i < end) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        text.append((char) b);
        i++;
      } else if ((b & 0xE0) == 0xC0 && i + 1 < end) {
        text.append((char) (((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F)));
        i += 2;
      } else if (i + 2 < end) {
        text.append((char) (((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
        i += 3;
      } else {
        break;
      }
    }
    return text.toString();
  }

  private static int readUnsignedShort(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
  }

  private static int readInt(byte[] bytes, int offset) {
    return (readUnsignedShort(bytes, offset) << 16) | readUnsignedShort(bytes, offset + 2);
  }
}
