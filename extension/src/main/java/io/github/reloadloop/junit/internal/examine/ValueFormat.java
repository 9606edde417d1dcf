package io.github.reloadloop.junit.internal.examine;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * One-line values for {@code fields}: {@code toString()}, strings and characters quoted, collections,
 * maps and arrays summarized with their size, long values cut with an ellipsis. Calls the values' own
 * {@code toString()}, so callers run it where a runaway one can be stopped.
 */
final class ValueFormat {

  static final int MAX_LENGTH = 100;

  private ValueFormat() {}

  static String oneLine(Object value) {
    return cut(render(value, MAX_LENGTH + 1));
  }

  private static String render(Object value, int budget) {
    if (value == null) {
      return "null";
    }
    if (value instanceof CharSequence text) {
      return '"' + escape(text.toString()) + '"';
    }
    if (value instanceof Character c) {
      return "'" + escape(c.toString()) + "'";
    }
    if (value.getClass().isArray()) {
      int length = Array.getLength(value);
      StringBuilder text = new StringBuilder(value.getClass().getComponentType().getSimpleName())
          .append('[').append(length).append("] [");
      for (int i = 0; i < length && text.length() < budget; i++) {
        text.append(i == 0 ? "" : ", ").append(render(Array.get(value, i), budget - text.length()));
      }
      return text.append(']').toString();
    }
    if (value instanceof Collection<?> collection) {
      return elements(value, collection.size(), collection.iterator(), '[', ']', budget);
    }
    if (value instanceof Map<?, ?> map) {
      return elements(value, map.size(), map.entrySet().iterator(), '{', '}', budget);
    }
    String text;
    try {
      text = String.valueOf(value);
    } catch (RuntimeException | LinkageError e) {
      text = "<" + value.getClass().getSimpleName() + ".toString() threw " + e + ">";
    }
    return text.replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String elements(Object value, int size, Iterator<?> items, char open, char close, int budget) {
    StringBuilder text = new StringBuilder(value.getClass().getSimpleName()).append(" (").append(size).append(") ")
        .append(open);
    for (int i = 0; items.hasNext() && text.length() < budget; i++) {
      Object item = items.next();
      text.append(i == 0 ? "" : ", ");
      if (item instanceof Map.Entry<?, ?> entry) {
        text.append(render(entry.getKey(), budget - text.length())).append('=')
            .append(render(entry.getValue(), budget - text.length()));
      } else {
        text.append(render(item, budget - text.length()));
      }
    }
    return text.append(close).toString();
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        .replace("\"", "\\\"");
  }

  static String cut(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
  }

  /** A type without its packages: {@code List<Integer>}, {@code Ledger}, {@code Outer.Inner}. */
  static String typeName(java.lang.reflect.Type type) {
    return type.getTypeName().replaceAll("\\b(?:[a-z_][\\w]*\\.)+(?=[A-Za-z_$])", "").replace('$', '.');
  }
}
