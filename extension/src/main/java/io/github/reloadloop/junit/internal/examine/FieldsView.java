package io.github.reloadloop.junit.internal.examine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fields} command's rendering: each field of the failing test instance, of its superclasses and
 * of its {@code @Nested} outer instances, with its type and a one-line value; then the exception. Without
 * an instance (a static context), the test class's static fields. Calls the values' {@code toString()}.
 */
final class FieldsView {

  private FieldsView() {}

  static List<String> render(Subject subject) {
    List<String> lines = new ArrayList<>();
    List<Object> instances = subject.instances();
    if (instances.isEmpty()) {
      lines.add("no test instance here (a static context): static fields of "
          + ValueFormat.typeName(subject.testClass()) + ":");
      fields(subject.testClass(), null, lines);
    }
    for (int i = instances.size() - 1; i >= 0; i--) {
      Object instance = instances.get(i);
      String role = i == instances.size() - 1 ? "test" : "outer instance";
      lines.add(role + ": " + ValueFormat.typeName(instance.getClass())
          + (i == instances.size() - 1 ? " (" + subject.origin() + ")" : ""));
      fields(instance.getClass(), instance, lines);
    }
    Throwable failure = subject.failure();
    lines.add("failure: " + failure.getClass().getName());
    lines.add("  message  " + ValueFormat.oneLine(failure.getMessage()));
    return lines;
  }

  private static void fields(Class<?> type, Object instance, List<String> lines) {
    List<String[]> rows = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.isSynthetic() || Modifier.isStatic(field.getModifiers()) != (instance == null)) {
          continue;
        }
        String owner = c == type ? "" : " (" + c.getSimpleName() + ")";
        rows.add(new String[] {field.getName() + owner, ValueFormat.typeName(field.getGenericType()), value(field, instance)});
      }
    }
    if (rows.isEmpty()) {
      lines.add("  (no fields)");
    }
    int name = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    int kind = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    for (String[] row : rows) {
      lines.add(String.format("  %-" + name + "s  %-" + kind + "s  %s", row[0], row[1], row[2]));
    }
  }

  private static String value(Field field, Object instance) {
    try {
      field.setAccessible(true);
      return ValueFormat.oneLine(field.get(instance));
    } catch (RuntimeException | IllegalAccessException e) {
      return "<not readable: " + e.getMessage() + ">";
    }
  }
}
