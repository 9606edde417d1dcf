package io.github.reloadloop.junit.internal.examine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueFormatTests {

  @Test
  void stringsAndCharactersQuoted_lineBreaksEscaped() {
    assertThat(ValueFormat.oneLine("Grace \"G\"\nHopper")).isEqualTo("\"Grace \\\"G\\\"\\nHopper\"");
    assertThat(ValueFormat.oneLine('x')).isEqualTo("'x'");
    assertThat(ValueFormat.oneLine(null)).isEqualTo("null");
    assertThat(ValueFormat.oneLine(42)).isEqualTo("42");
  }

  @Test
  void collectionsMapsAndArrays_summarizedWithTheirSize() {
    assertThat(ValueFormat.oneLine(new ArrayList<>(List.of(5, 10)))).isEqualTo("ArrayList (2) [5, 10]");
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("a", 1);
    map.put("b", 2);
    assertThat(ValueFormat.oneLine(map)).isEqualTo("LinkedHashMap (2) {\"a\"=1, \"b\"=2}");
    assertThat(ValueFormat.oneLine(new int[] {1, 2, 3})).isEqualTo("int[3] [1, 2, 3]");
  }

  @Test
  void longValues_cutWithAnEllipsis() {
    String value = ValueFormat.oneLine("x".repeat(500));
    assertThat(value).hasSize(ValueFormat.MAX_LENGTH).endsWith("…");
    assertThat(ValueFormat.oneLine(java.util.Collections.nCopies(10_000, 7))).hasSize(ValueFormat.MAX_LENGTH)
        .startsWith("CopiesList (10000) [7, 7");
  }

  @Test
  void toStringThatThrows_saysSo() {
    Object broken = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("not yet");
      }
    };
    assertThat(ValueFormat.oneLine(broken)).contains("toString() threw java.lang.IllegalStateException: not yet");
  }

  @Test
  void typeNames_withoutPackages() throws Exception {
    assertThat(ValueFormat.typeName(Holder.class.getDeclaredField("numbers").getGenericType()))
        .isEqualTo("List<Integer>");
    assertThat(ValueFormat.typeName(Holder.class)).isEqualTo("ValueFormatTests.Holder");
  }

  static class Holder {
    List<Integer> numbers;
  }
}
