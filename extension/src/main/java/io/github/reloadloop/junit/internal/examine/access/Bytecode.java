package io.github.reloadloop.junit.internal.examine.access;

import static io.github.reloadloop.junit.internal.examine.access.ConstantPool.u2;
import static io.github.reloadloop.junit.internal.examine.access.ConstantPool.u4;

/** Instruction lengths of the JVM's bytecode (JVMS §6.5), to walk a method's code. */
final class Bytecode {

  static final int GETSTATIC = 0xB2;
  static final int PUTSTATIC = 0xB3;
  static final int GETFIELD = 0xB4;
  static final int PUTFIELD = 0xB5;
  static final int INVOKEVIRTUAL = 0xB6;
  static final int INVOKESPECIAL = 0xB7;
  static final int INVOKESTATIC = 0xB8;
  static final int INVOKEINTERFACE = 0xB9;

  private static final int TABLESWITCH = 0xAA;
  private static final int LOOKUPSWITCH = 0xAB;
  private static final int WIDE = 0xC4;
  private static final int IINC = 0x84;

  private Bytecode() {}

  /** The length of the instruction at {@code pc}, where the method's code starts at {@code codeStart}. */
  static int length(byte[] code, int codeStart, int pc) {
    int opcode = code[codeStart + pc] & 0xFF;
    if (opcode == TABLESWITCH || opcode == LOOKUPSWITCH) {
      int padding = (4 - ((pc + 1) % 4)) % 4;
      int at = codeStart + pc + 1 + padding;
      if (opcode == TABLESWITCH) {
        int low = u4(code, at + 4);
        int high = u4(code, at + 8);
        return 1 + padding + 12 + 4 * (high - low + 1);
      }
      return 1 + padding + 8 + 8 * u4(code, at + 4);
    }
    if (opcode == WIDE) {
      return (code[codeStart + pc + 1] & 0xFF) == IINC ? 6 : 4;
    }
    return fixedLength(opcode);
  }

  static int operand(byte[] code, int at) {
    return u2(code, at + 1);
  }

  private static int fixedLength(int opcode) {
    if (opcode <= 0x0F) {
      return 1;
    }
    return switch (opcode) {
      case 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3A, 0xA9, 0xBC -> 2;
      case 0x11, 0x13, 0x14, IINC, 0xBB, 0xBD, 0xC0, 0xC1, 0xC6, 0xC7 -> 3;
      case 0xC5 -> 4;
      case INVOKEINTERFACE, 0xBA, 0xC8, 0xC9 -> 5;
      default -> {
        if (opcode >= 0x99 && opcode <= 0xA8) {
          yield 3; // conditional branches, goto, jsr
        }
        if (opcode >= GETSTATIC && opcode <= INVOKESTATIC) {
          yield 3;
        }
        yield 1;
      }
    };
  }
}
