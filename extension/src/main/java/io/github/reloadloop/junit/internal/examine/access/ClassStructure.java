package io.github.reloadloop.junit.internal.examine.access;

import static io.github.reloadloop.junit.internal.examine.access.ConstantPool.u2;
import static io.github.reloadloop.junit.internal.examine.access.ConstantPool.u4;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the parts of a class file that access rewriting touches are: the class's access flags, each
 * field's and method's flags, each method's code, and the flags in the {@code InnerClasses} attribute.
 */
final class ClassStructure {

  /** A field or method: where its flags are, its name and descriptor, and its code if it has one. */
  record Member(int flagsOffset, String name, String descriptor, int codeOffset, int codeLength) {}

  final ConstantPool pool;
  final int classFlagsOffset;
  final String thisClass;
  final List<Member> fields = new ArrayList<>();
  final List<Member> methods = new ArrayList<>();
  /** Offsets of {@code inner_class_access_flags} in the InnerClasses attribute. */
  final List<Integer> innerClassFlagsOffsets = new ArrayList<>();

  ClassStructure(byte[] bytes) {
    this.pool = new ConstantPool(bytes);
    int at = pool.end;
    this.classFlagsOffset = at;
    this.thisClass = pool.className(u2(bytes, at + 2));
    at += 6;
    at += 2 + 2 * u2(bytes, at);
    at = members(bytes, at, fields);
    at = members(bytes, at, methods);
    int attributes = u2(bytes, at);
    at += 2;
    for (int i = 0; i < attributes; i++) {
      int length = u4(bytes, at + 2);
      if (pool.utf8(u2(bytes, at)).equals("InnerClasses")) {
        int classes = u2(bytes, at + 6);
        for (int c = 0; c < classes; c++) {
          innerClassFlagsOffsets.add(at + 8 + c * 8 + 6);
        }
      }
      at += 6 + length;
    }
  }

  private int members(byte[] bytes, int at, List<Member> into) {
    int count = u2(bytes, at);
    at += 2;
    for (int m = 0; m < count; m++) {
      int flags = at;
      String name = pool.utf8(u2(bytes, at + 2));
      String descriptor = pool.utf8(u2(bytes, at + 4));
      int attributes = u2(bytes, at + 6);
      at += 8;
      int codeOffset = -1;
      int codeLength = 0;
      for (int a = 0; a < attributes; a++) {
        int length = u4(bytes, at + 2);
        if (pool.utf8(u2(bytes, at)).equals("Code")) {
          codeLength = u4(bytes, at + 10);
          codeOffset = at + 14;
        }
        at += 6 + length;
      }
      into.add(new Member(flags, name, descriptor, codeOffset, codeLength));
    }
    return at;
  }
}
