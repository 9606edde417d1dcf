package io.github.reloadloop.core.internal.classfile;

import io.github.reloadloop.core.internal.classfile.ClassShape.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns JVM descriptors into the way a Java developer writes them ({@code signed(Entry, int)}). */
final class Descriptors {

  private static final Pattern JAVAC_LAMBDA = Pattern.compile("lambda\\$(.+)\\$\\d+");

  private Descriptors() {}

  /** {@code method signed(Entry)}, {@code constructor Ledger(String)}, {@code a lambda in total()}. */
  static String method(Member method) {
    String parameters = "(" + String.join(", ", parameterTypes(method.descriptor())) + ")";
    if (method.name().equals("<init>")) {
      return "constructor" + parameters;
    }
    if (method.name().equals("<clinit>")) {
      return "static initializer";
    }
    Matcher lambda = JAVAC_LAMBDA.matcher(method.name());
    if (lambda.matches()) {
      String owner = lambda.group(1).equals("new") ? "a constructor" : lambda.group(1) + "()";
      return "lambda " + method.name() + " (a lambda in " + owner + ")";
    }
    if (method.name().startsWith("lambda$")) {
      return "lambda " + method.name();
    }
    return "method " + method.name() + parameters;
  }

  static List<String> parameterTypes(String descriptor) {
    List<String> types = new ArrayList<>();
    int i = 1;
    while (descriptor.charAt(i) != ')') {
      int start = i;
      while (descriptor.charAt(i) == '[') {
        i++;
      }
      if (descriptor.charAt(i) == 'L') {
        i = descriptor.indexOf(';', i);
      }
      i++;
      types.add(type(descriptor.substring(start, i)));
    }
    return types;
  }

  static String type(String descriptor) {
    int dimensions = 0;
    while (descriptor.charAt(dimensions) == '[') {
      dimensions++;
    }
    String element = switch (descriptor.charAt(dimensions)) {
      case 'B' -> "byte";
      case 'C' -> "char";
      case 'D' -> "double";
      case 'F' -> "float";
      case 'I' -> "int";
      case 'J' -> "long";
      case 'S' -> "short";
      case 'Z' -> "boolean";
      case 'V' -> "void";
      default -> simpleName(descriptor.substring(dimensions + 1, descriptor.length() - 1).replace('/', '.'));
    };
    return element + "[]".repeat(dimensions);
  }

  /**
   * The name a developer writes in the class's own file: {@code acme.Ledger$Entry} is {@code Entry}. Anonymous
   * and local classes ({@code Ledger$1}, {@code Ledger$1Local}) keep their binary simple name.
   */
  static String simpleName(String binaryName) {
    String simple = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    int dollar = simple.lastIndexOf('$');
    boolean member = dollar > 0 && dollar < simple.length() - 1 && !Character.isDigit(simple.charAt(dollar + 1));
    return member ? simple.substring(dollar + 1) : simple;
  }
}
