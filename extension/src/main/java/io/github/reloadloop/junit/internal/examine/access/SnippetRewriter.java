package io.github.reloadloop.junit.internal.examine.access;

import static io.github.reloadloop.junit.internal.examine.access.ConstantPool.putU2;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a JShell snippet class so that it can run inside the test's package: renames JShell's
 * {@code REPL} package to a unique prefix in the test's package, and turns each field access or method
 * call that the JVM would refuse there (a private member, or a package-private one of another package)
 * into a call of a static bridge method with the same stack effect, which {@link Bridges} provides.
 * Instructions keep their length, so branch offsets and stack maps stay valid.
 */
final class SnippetRewriter {

  /** One access a snippet makes: its opcode and the member it names, as written in the class file. */
  record Access(int opcode, String owner, String name, String descriptor) {}

  /** The static method that replaces an access. */
  record BridgeMethod(String owner, String name, String descriptor) {}

  /** Decides which accesses need a bridge. */
  interface Planner {
    /** The bridge for {@code access}, or {@code null} when the access works as it is. */
    BridgeMethod bridgeFor(Access access);
  }

  private final String fromPrefix;
  private final String toPrefix;

  /** @param fromPrefix JShell's package as an internal name prefix ({@code REPL/}) */
  SnippetRewriter(String fromPrefix, String toPrefix) {
    this.fromPrefix = fromPrefix;
    this.toPrefix = toPrefix;
  }

  /** The internal name a snippet class gets ({@code REPL/$JShell$11} to {@code shop/$examine1$$JShell$11}). */
  String rename(String internalName) {
    return internalName.startsWith(fromPrefix) ? toPrefix + internalName.substring(fromPrefix.length()) : internalName;
  }

  byte[] rewrite(byte[] classFile, Planner planner) {
    byte[] body = classFile.clone();
    ClassStructure structure = new ClassStructure(body);
    ConstantPool pool = structure.pool;
    Map<BridgeMethod, Integer> added = new LinkedHashMap<>();
    int next = pool.count;
    for (ClassStructure.Member method : structure.methods) {
      if (method.codeOffset() < 0) {
        continue;
      }
      for (int pc = 0; pc < method.codeLength(); pc += Bytecode.length(body, method.codeOffset(), pc)) {
        int at = method.codeOffset() + pc;
        int opcode = body[at] & 0xFF;
        if (opcode < Bytecode.GETSTATIC || opcode > Bytecode.INVOKEINTERFACE) {
          continue;
        }
        int ref = Bytecode.operand(body, at);
        int nameAndType = pool.second(ref);
        String owner = pool.className(pool.first(ref));
        if (owner.startsWith(fromPrefix) || owner.startsWith("[")) {
          continue;
        }
        BridgeMethod bridge = planner.bridgeFor(new Access(opcode, owner,
            pool.utf8(pool.first(nameAndType)), pool.utf8(pool.second(nameAndType))));
        if (bridge == null) {
          continue;
        }
        Integer index = added.get(bridge);
        if (index == null) {
          index = next;
          next += 6; // Utf8 owner, Class, Utf8 name, Utf8 descriptor, NameAndType, Methodref
          added.put(bridge, index);
        }
        body[at] = (byte) Bytecode.INVOKESTATIC;
        putU2(body, at + 1, index + 5);
        if (opcode == Bytecode.INVOKEINTERFACE) {
          body[at + 3] = 0; // nop, nop: invokeinterface is two bytes longer than invokestatic
          body[at + 4] = 0;
        }
      }
    }
    return assemble(pool, body, added, next);
  }

  private byte[] assemble(ConstantPool pool, byte[] body, Map<BridgeMethod, Integer> added, int count) {
    Set<Integer> literals = new HashSet<>();
    for (int i = 1; i < pool.count; i++) {
      if (pool.offsets[i] != 0 && pool.tag(i) == ConstantPool.STRING) {
        literals.add(pool.first(i));
      }
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(body.length + 64 * added.size() + 256);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.write(body, 0, 8);
      out.writeShort(count);
      for (int i = 1; i < pool.count; i++) {
        int at = pool.offsets[i];
        if (at == 0) {
          continue;
        }
        int end = i + 1 < pool.count ? nextOffset(pool, i) : pool.end;
        if (pool.tag(i) == ConstantPool.UTF8 && !literals.contains(i)) {
          out.writeByte(ConstantPool.UTF8);
          out.writeUTF(renameIn(pool.utf8(i)));
        } else {
          out.write(body, at, end - at);
        }
      }
      for (Map.Entry<BridgeMethod, Integer> bridge : added.entrySet()) {
        int base = bridge.getValue();
        out.writeByte(ConstantPool.UTF8);
        out.writeUTF(bridge.getKey().owner());
        out.writeByte(ConstantPool.CLASS);
        out.writeShort(base);
        out.writeByte(ConstantPool.UTF8);
        out.writeUTF(bridge.getKey().name());
        out.writeByte(ConstantPool.UTF8);
        out.writeUTF(bridge.getKey().descriptor());
        out.writeByte(ConstantPool.NAME_AND_TYPE);
        out.writeShort(base + 2);
        out.writeShort(base + 3);
        out.writeByte(ConstantPool.METHODREF);
        out.writeShort(base + 1);
        out.writeShort(base + 4);
      }
      out.write(body, pool.end, body.length - pool.end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  private static int nextOffset(ConstantPool pool, int index) {
    for (int i = index + 1; i < pool.count; i++) {
      if (pool.offsets[i] != 0) {
        return pool.offsets[i];
      }
    }
    return pool.end;
  }

  /** Renames JShell's package in a class name, descriptor or signature. */
  private String renameIn(String text) {
    String renamed = text.startsWith(fromPrefix) ? toPrefix + text.substring(fromPrefix.length()) : text;
    return renamed.replace("L" + fromPrefix, "L" + toPrefix);
  }
}
