package io.github.reloadloop.junit.internal.examine.access;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a bridge class: public static methods {@code b0, b1, ...}, each of which calls the method handle
 * in the public static field of the same number ({@code h0, h1, ...}) with {@code invokeExact} and its own
 * descriptor. Straight-line code, so the class needs no stack map frames.
 */
final class BridgeClassWriter {

  private static final int VERSION_JAVA_8 = 52;
  private static final int PUBLIC_STATIC = 0x0009;
  private static final int PUBLIC_FINAL_SUPER = 0x0031;
  private static final String HANDLE = "java/lang/invoke/MethodHandle";

  private final List<Object[]> entries = new ArrayList<>();
  private final Map<String, Integer> indexes = new LinkedHashMap<>();

  private BridgeClassWriter() {}

  /** The class file of {@code className} (internal name) with one bridge per descriptor, numbered from 0. */
  static byte[] write(String className, List<String> descriptors) {
    return new BridgeClassWriter().build(className, descriptors);
  }

  private byte[] build(String className, List<String> descriptors) {
    int thisClass = classRef(className);
    int superClass = classRef("java/lang/Object");
    int handleType = utf8("L" + HANDLE + ";");
    int code = utf8("Code");
    ByteArrayOutputStream members = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(members)) {
      out.writeShort(descriptors.size());
      for (int i = 0; i < descriptors.size(); i++) {
        out.writeShort(PUBLIC_STATIC);
        out.writeShort(utf8("h" + i));
        out.writeShort(handleType);
        out.writeShort(0);
      }
      out.writeShort(descriptors.size());
      for (int i = 0; i < descriptors.size(); i++) {
        String descriptor = descriptors.get(i);
        out.writeShort(PUBLIC_STATIC);
        out.writeShort(utf8("b" + i));
        out.writeShort(utf8(descriptor));
        out.writeShort(1);
        byte[] body = body(fieldRef(className, "h" + i), methodRef(HANDLE, "invokeExact", descriptor), descriptor);
        out.writeShort(code);
        out.writeInt(body.length);
        out.write(body);
      }
      out.writeShort(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(file)) {
      out.writeInt(0xCAFEBABE);
      out.writeShort(0);
      out.writeShort(VERSION_JAVA_8);
      out.writeShort(entries.size() + 1);
      for (Object[] entry : entries) {
        out.writeByte((Integer) entry[0]);
        if (entry[1] instanceof String text) {
          out.writeUTF(text);
        } else {
          for (int i = 1; i < entry.length; i++) {
            out.writeShort((Integer) entry[i]);
          }
        }
      }
      out.writeShort(PUBLIC_FINAL_SUPER);
      out.writeShort(thisClass);
      out.writeShort(superClass);
      out.writeShort(0);
      members.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toByteArray();
  }

  /** getstatic h; load each argument; invokevirtual MethodHandle.invokeExact; return. */
  private static byte[] body(int handleField, int invokeExact, String descriptor) throws IOException {
    MethodType type = MethodType.fromMethodDescriptorString(descriptor.replaceAll("L[^;]+;", "Ljava/lang/Object;"),
        null);
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(code);
    out.writeByte(0xB2);
    out.writeShort(handleField);
    int slot = 0;
    for (Class<?> parameter : type.parameterArray()) {
      out.writeByte(0xC4); // wide, so that any slot number fits
      out.writeByte(loadOpcode(parameter));
      out.writeShort(slot);
      slot += slots(parameter);
    }
    out.writeByte(0xB6);
    out.writeShort(invokeExact);
    out.writeByte(returnOpcode(type.returnType()));
    ByteArrayOutputStream attribute = new ByteArrayOutputStream();
    DataOutputStream result = new DataOutputStream(attribute);
    result.writeShort(Math.max(1 + slot, slots(type.returnType())));
    result.writeShort(slot);
    result.writeInt(code.size());
    code.writeTo(result);
    result.writeShort(0);
    result.writeShort(0);
    return attribute.toByteArray();
  }

  private static int slots(Class<?> type) {
    return type == long.class || type == double.class ? 2 : type == void.class ? 0 : 1;
  }

  private static int loadOpcode(Class<?> type) {
    if (!type.isPrimitive()) {
      return 0x19; // aload
    }
    return type == long.class ? 0x16 : type == float.class ? 0x17 : type == double.class ? 0x18 : 0x15;
  }

  private static int returnOpcode(Class<?> type) {
    if (type == void.class) {
      return 0xB1;
    }
    if (!type.isPrimitive()) {
      return 0xB0;
    }
    return type == long.class ? 0xAD : type == float.class ? 0xAE : type == double.class ? 0xAF : 0xAC;
  }

  private int utf8(String text) {
    return indexes.computeIfAbsent("U" + text, k -> add(ConstantPool.UTF8, text));
  }

  private int classRef(String name) {
    int nameIndex = utf8(name);
    return indexes.computeIfAbsent("C" + name, k -> add(ConstantPool.CLASS, nameIndex));
  }

  private int nameAndType(String name, String descriptor) {
    int nameIndex = utf8(name);
    int descriptorIndex = utf8(descriptor);
    return indexes.computeIfAbsent("N" + name + ":" + descriptor,
        k -> add(ConstantPool.NAME_AND_TYPE, nameIndex, descriptorIndex));
  }

  private int fieldRef(String owner, String name) {
    int classIndex = classRef(owner);
    int nat = nameAndType(name, "L" + HANDLE + ";");
    return indexes.computeIfAbsent("F" + owner + "." + name, k -> add(ConstantPool.FIELDREF, classIndex, nat));
  }

  private int methodRef(String owner, String name, String descriptor) {
    int classIndex = classRef(owner);
    int nat = nameAndType(name, descriptor);
    return indexes.computeIfAbsent("M" + owner + "." + name + descriptor,
        k -> add(ConstantPool.METHODREF, classIndex, nat));
  }

  private int add(Object... entry) {
    entries.add(entry);
    return entries.size();
  }
}
