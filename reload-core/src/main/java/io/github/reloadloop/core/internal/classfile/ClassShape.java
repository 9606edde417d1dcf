package io.github.reloadloop.core.internal.classfile;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The structure of one class file as the JVM's redefinition checks see it: modifiers, hierarchy, fields
 * (in order), methods, nest and record attributes. Parsed straight from class file bytes, so the loaded
 * version and a freshly compiled one can be compared before anything is redefined.
 *
 * @param name binary name with dots ({@code acme.Ledger$Entry})
 * @param majorVersion class file major version (61 for Java 17)
 * @param access class access flags
 * @param superName binary name of the superclass, or {@code null} for {@code java.lang.Object}
 * @param interfaces binary names of the direct interfaces, in declaration order
 * @param fields fields in declaration order
 * @param methods methods, constructors and static initialisers in declaration order
 * @param nestHost binary name of the nest host, or {@code null}
 * @param nestMembers binary names in the {@code NestMembers} attribute
 * @param recordComponents {@code name:descriptor} of each record component
 * @param permittedSubclasses binary names in the {@code PermittedSubclasses} attribute
 * @param hasMethodParameters whether any method carries a {@code MethodParameters} attribute
 * @since 0.1.0
 */
public record ClassShape(
    String name,
    int majorVersion,
    int access,
    String superName,
    List<String> interfaces,
    List<Member> fields,
    List<Member> methods,
    String nestHost,
    List<String> nestMembers,
    List<String> recordComponents,
    List<String> permittedSubclasses,
    boolean hasMethodParameters) {

  private static final int CONSTANT_CLASS = 7;
  static final int ACC_PRIVATE = 0x0002;
  static final int ACC_SYNTHETIC = 0x1000;

  /**
   * A field or method.
   *
   * @param name the member's name ({@code <init>} for constructors)
   * @param descriptor its JVM descriptor
   * @param access its access flags
   * @param constantValue the {@code ConstantValue} of a constant field, or {@code null}
   */
  public record Member(String name, String descriptor, int access, Object constantValue) {

    /** Whether the compiler generated this member (lambda bodies, switch tables, accessors). */
    public boolean isSynthetic() {
      return (access & ACC_SYNTHETIC) != 0 || name.startsWith("lambda$") || name.startsWith("$SWITCH_TABLE$");
    }

    boolean isPrivate() {
      return (access & ACC_PRIVATE) != 0;
    }

    String key() {
      return name + descriptor;
    }
  }

  /** Reads the shape of a class file. */
  public static ClassShape parse(byte[] classFile) {
    try {
      return read(new DataInputStream(new ByteArrayInputStream(classFile)));
    } catch (IOException e) {
      throw new UncheckedIOException("not a readable class file", e);
    }
  }

  /**
   * The binary names of all classes a class file refers to through its constant pool (every field or
   * method it uses belongs to one of them), array descriptors left out.
   */
  public static Set<String> referencedClasses(byte[] classFile) {
    return classes(classFile, false);
  }

  /**
   * The binary names of every class a class file names: its class constants, and each {@code Lpkg/Name} in
   * a descriptor or signature (field and method types, generic signatures, annotation values, record
   * components), which is all a compiler reading the class file can learn of. An over-estimate: any
   * constant that looks like a descriptor counts.
   */
  public static Set<String> namedClasses(byte[] classFile) {
    return classes(classFile, true);
  }

  private static Set<String> classes(byte[] classFile, boolean inDescriptors) {
    Object[] pool = constantPool(classFile);
    Set<String> names = new LinkedHashSet<>();
    for (int i = 1; i < pool.length; i++) {
      String name = classConstant(pool, i);
      if (name != null && !name.startsWith("[")) {
        names.add(name.replace('/', '.'));
      } else if (inDescriptors && pool[i] instanceof String text) {
        addDescriptorClasses(text, names); // Array class constants' names too, as their own UTF-8 entries.
      }
    }
    return names;
  }

  /** The internal name of the class constant at {@code index}, or {@code null} when it is none. */
  private static String classConstant(Object[] pool, int index) {
    return pool[index] instanceof int[] ref && ref[1] == CONSTANT_CLASS && pool[ref[0]] instanceof String name
        ? name : null;
  }

  /**
   * Every {@code Lpkg/Name} (in a package: a name with no slash is more likely text than a class) followed
   * by {@code ;}, {@code <} or {@code .} in a descriptor or signature.
   */
  private static void addDescriptorClasses(String text, Set<String> into) {
    int start = text.indexOf('L');
    while (start >= 0) {
      int end = start + 1;
      int slash = -1;
      while (end < text.length() && (text.charAt(end) == '/' || text.charAt(end) == '$'
          || Character.isJavaIdentifierPart(text.charAt(end)))) {
        slash = text.charAt(end) == '/' ? end : slash;
        end++;
      }
      if (slash > start + 1 && end < text.length() && ";<.".indexOf(text.charAt(end)) >= 0) {
        into.add(text.substring(start + 1, end).replace('/', '.'));
      }
      start = text.indexOf('L', Math.max(end, start + 1));
    }
  }

  private static Object[] constantPool(byte[] classFile) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readInt(); // minor and major version
      return readConstantPool(in);
    } catch (IOException e) {
      throw new UncheckedIOException("not a readable class file", e);
    }
  }

  private static ClassShape read(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("bad magic number");
    }
    in.readUnsignedShort();
    int major = in.readUnsignedShort();
    Object[] pool = readConstantPool(in);
    int access = in.readUnsignedShort();
    String name = className(pool, in.readUnsignedShort());
    int superIndex = in.readUnsignedShort();
    String superName = superIndex == 0 ? null : className(pool, superIndex);
    List<String> interfaces = readClassList(in, pool);
    List<Member> fields = new ArrayList<>();
    List<Member> methods = new ArrayList<>();
    boolean[] methodParameters = {false};
    readMembers(in, pool, fields, null);
    readMembers(in, pool, methods, methodParameters);
    String nestHost = null;
    List<String> nestMembers = List.of();
    List<String> recordComponents = List.of();
    List<String> permitted = List.of();
    int attributes = in.readUnsignedShort();
    for (int i = 0; i < attributes; i++) {
      String attribute = (String) pool[in.readUnsignedShort()];
      int length = in.readInt();
      switch (attribute) {
        case "NestHost" -> nestHost = className(pool, in.readUnsignedShort());
        case "NestMembers" -> nestMembers = readClassList(in, pool);
        case "PermittedSubclasses" -> permitted = readClassList(in, pool);
        case "Record" -> recordComponents = readRecordComponents(in, pool);
        default -> in.skipNBytes(length);
      }
    }
    return new ClassShape(name, major, access, superName, List.copyOf(interfaces), List.copyOf(fields),
        List.copyOf(methods), nestHost, nestMembers, recordComponents, permitted, methodParameters[0]);
  }

  private static Object[] readConstantPool(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    Object[] pool = new Object[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> pool[i] = in.readUTF();
        case 3 -> pool[i] = in.readInt();
        case 4 -> pool[i] = in.readFloat();
        case 5 -> pool[i++] = in.readLong();
        case 6 -> pool[i++] = in.readDouble();
        case 7, 8, 16, 19, 20 -> pool[i] = new int[] {in.readUnsignedShort(), tag};
        case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 15 -> in.skipNBytes(3);
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return pool;
  }

  private static void readMembers(DataInputStream in, Object[] pool, List<Member> into, boolean[] parameters)
      throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      int access = in.readUnsignedShort();
      String name = (String) pool[in.readUnsignedShort()];
      String descriptor = (String) pool[in.readUnsignedShort()];
      Object constant = null;
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = (String) pool[in.readUnsignedShort()];
        int length = in.readInt();
        if (attribute.equals("ConstantValue")) {
          Object value = pool[in.readUnsignedShort()];
          constant = value instanceof int[] ref ? pool[ref[0]] : value;
        } else {
          if (parameters != null && attribute.equals("MethodParameters")) {
            parameters[0] = true;
          }
          in.skipNBytes(length);
        }
      }
      into.add(new Member(name, descriptor, access, constant));
    }
  }

  private static List<String> readRecordComponents(DataInputStream in, Object[] pool) throws IOException {
    int count = in.readUnsignedShort();
    List<String> components = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      components.add(pool[in.readUnsignedShort()] + ":" + pool[in.readUnsignedShort()]);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.readUnsignedShort();
        in.skipNBytes(in.readInt());
      }
    }
    return List.copyOf(components);
  }

  private static List<String> readClassList(DataInputStream in, Object[] pool) throws IOException {
    int count = in.readUnsignedShort();
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(className(pool, in.readUnsignedShort()));
    }
    return List.copyOf(names);
  }

  private static String className(Object[] pool, int index) {
    int[] ref = (int[]) pool[index];
    return ((String) pool[ref[0]]).replace('/', '.');
  }
}
