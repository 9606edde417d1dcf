package io.github.reloadloop.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Rows of a Markdown table, printed with aligned columns. */
final class MarkdownTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... header) {
    this.header = List.of(header);
  }

  void row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      row.add(i < cells.length && cells[i] != null ? cells[i].toString() : "");
    }
    rows.add(row);
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String render() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Math.max(3, header.get(i).length());
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(header, widths, out);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    line(rule, widths, out);
    rows.forEach(row -> line(row, widths, out));
    return out.toString();
  }

  private static void line(List<String> cells, int[] widths, StringBuilder out) {
    out.append('|');
    for (int i = 0; i < widths.length; i++) {
      out.append(' ').append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
    }
    out.append('\n');
  }

  /** Milliseconds with one decimal. */
  static String ms(double value) {
    return String.format(java.util.Locale.ROOT, "%.1f", value);
  }
}
