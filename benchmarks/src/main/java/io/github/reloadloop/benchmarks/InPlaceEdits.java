package io.github.reloadloop.benchmarks;

import java.util.List;

/**
 * The kinds of edit the in-place benchmarks save: a body-only edit, or an edit that adds a private member of
 * one kind under a name never used before (so that every save adds one, and removes the one the last save
 * added), through which {@code getAsInt()} returns the new value. {@code method-alternating} adds a method
 * under one of two names in turn: each save still adds one and removes the other, as a developer going back
 * and forth between two versions does.
 */
final class InPlaceEdits {

  static final String BODY = "body";
  static final List<String> KINDS = List.of(BODY, "method", "lambda", "static-field", "instance-field");

  private InPlaceEdits() {}

  /**
   * @param base the class's source, whose {@code getAsInt()} returns {@code value}
   * @param edit the save's number, which names the member it adds
   */
  static String source(String base, int value, int edit, String kind) {
    String returns = "return " + value + ";";
    String body;
    String member;
    switch (kind) {
      case BODY -> {
        return base;
      }
      case "method", "method-alternating" -> {
        int name = kind.equals("method") ? edit : edit % 2;
        body = "return helper" + name + "();";
        member = "private int helper" + name + "() {\n    return " + value + ";\n  }";
      }
      case "lambda" -> {
        body = "IntSupplier next = () -> " + value + ";\n    return next.getAsInt();";
        member = "";
      }
      case "static-field" -> {
        body = "return STATIC" + edit + ";";
        member = "private static int STATIC" + edit + " = Integer.parseInt(\"" + value + "\");";
      }
      case "instance-field" -> {
        body = "return field" + edit + ";";
        member = "private int field" + edit + " = Integer.parseInt(\"" + value + "\");";
      }
      default -> throw new IllegalArgumentException("unknown edit kind " + kind);
    }
    if (!base.contains(returns)) {
      throw new IllegalStateException("the generated class has no " + returns);
    }
    String edited = base.replace(returns, body);
    int end = edited.lastIndexOf('}');
    return edited.substring(0, end) + "\n  " + member + "\n}\n";
  }
}
