package io.github.reloadloop.core.internal.inplace;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;

/** Members as a Java developer writes them, for messages ({@code total(Entry, int)}). Pure. */
final class Names {

  private Names() {}

  static String method(String name, String descriptor) {
    List<String> parameters = new ArrayList<>();
    for (Type type : Type.getArgumentTypes(descriptor)) {
      parameters.add(simple(type.getClassName()));
    }
    String shown = name.equals("<init>") ? "constructor" : name;
    return shown + "(" + String.join(", ", parameters) + ")";
  }

  static String field(String name, String descriptor) {
    return simple(Type.getType(descriptor).getClassName()) + " " + name;
  }

  /** {@code acme/Ledger$Entry} or {@code acme.Ledger$Entry} is {@code Entry}. */
  static String simple(String name) {
    String simple = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('.')) + 1);
    int dollar = simple.lastIndexOf('$');
    return dollar > 0 && dollar < simple.length() - 1 && !Character.isDigit(simple.charAt(dollar + 1))
        ? simple.substring(dollar + 1) : simple;
  }
}
