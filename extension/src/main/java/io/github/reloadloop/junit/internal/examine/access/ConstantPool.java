package io.github.reloadloop.junit.internal.examine.access;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The constant pool of a class file, read in place: where each entry starts, its tag, and the strings of
 * its UTF-8 entries. Just enough of the class file format (JVMS §4.4) for {@link AccessOpener} and
 * {@link SnippetRewriter}.
 */
final class ConstantPool {

  static final int UTF8 = 1;
  static final int CLASS = 7;
  static final int STRING = 8;
  static final int FIELDREF = 9;
  static final int METHODREF = 10;
  static final int INTERFACE_METHODREF = 11;
  static final int NAME_AND_TYPE = 12;

  private static final int FIRST_ENTRY = 10;

  final byte[] bytes;
  /** Entry count plus one, as in the class file. */
  final int count;
  /** Offset of each entry's tag byte; 0 for the unusable slots after long and double entries. */
  final int[] offsets;
  /** Offset of the first byte after the pool: the class's access flags. */
  final int end;

  ConstantPool(byte[] bytes) {
    this.bytes = bytes;
    if (u4(bytes, 0) != 0xCAFEBABE) {
      throw new IllegalArgumentException("not a class file");
    }
    this.count = u2(bytes, 8);
    this.offsets = new int[count];
    int at = FIRST_ENTRY;
    for (int i = 1; i < count; i++) {
      offsets[i] = at;
      int tag = bytes[at] & 0xFF;
      at += 1 + switch (tag) {
        case UTF8 -> 2 + u2(bytes, at + 1);
        case 3, 4, FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, 17, 18 -> 4;
        case 5, 6 -> 8;
        case CLASS, STRING, 16, 19, 20 -> 2;
        case 15 -> 3;
        default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
      };
      if (tag == 5 || tag == 6) {
        i++;
      }
    }
    this.end = at;
  }

  int tag(int index) {
    return bytes[offsets[index]] & 0xFF;
  }

  /** The first (or only) index an entry refers to: a Class's name, a ref's class, a NameAndType's name. */
  int first(int index) {
    return u2(bytes, offsets[index] + 1);
  }

  /** The second index of a two-index entry: a ref's NameAndType, a NameAndType's descriptor. */
  int second(int index) {
    return u2(bytes, offsets[index] + 3);
  }

  String utf8(int index) {
    int at = offsets[index];
    if ((bytes[at] & 0xFF) != UTF8) {
      throw new IllegalArgumentException("entry " + index + " is not UTF-8");
    }
    try {
      return new DataInputStream(new ByteArrayInputStream(bytes, at + 1, 2 + u2(bytes, at + 1))).readUTF();
    } catch (IOException e) {
      throw new UncheckedIOException("malformed UTF-8 constant " + index, e);
    }
  }

  /** The internal name of the Class entry {@code index} ({@code java/lang/String}). */
  String className(int index) {
    return utf8(first(index));
  }

  static int u2(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
  }

  static int u4(byte[] bytes, int at) {
    return (u2(bytes, at) << 16) | u2(bytes, at + 2);
  }

  static void putU2(byte[] bytes, int at, int value) {
    bytes[at] = (byte) (value >>> 8);
    bytes[at + 1] = (byte) value;
  }
}
