package io.github.reloadloop.junit.internal.examine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsViewTests {

  static class Base {
    private final String owner = "Grace";
  }

  static class Outer {
    private int depth = 1;

    class Inner extends Base {
      private final List<Integer> entries = new ArrayList<>(List.of(5, 10));
      static int created = 3;
    }
  }

  @Test
  void instanceFields_ofTheClassItsSuperclassesAndOuterInstances() {
    Outer outer = new Outer();
    Outer.Inner inner = outer.new Inner();
    Subject subject = new Subject(new AssertionError("expected: <15>"), List.of(outer, inner), Outer.Inner.class,
        "the failing run");

    assertThat(FieldsView.render(subject)).containsExactly(
        "test: FieldsViewTests.Outer.Inner (the failing run)",
        "  entries       List<Integer>  ArrayList (2) [5, 10]",
        "  owner (Base)  String         \"Grace\"",
        "outer instance: FieldsViewTests.Outer",
        "  depth  int  1",
        "failure: java.lang.AssertionError",
        "  message  \"expected: <15>\"");
  }

  @Test
  void staticContext_saysSoAndShowsStaticFields() {
    Subject subject = new Subject(new IllegalStateException(), List.of(), Outer.Inner.class, "the failing run");

    assertThat(FieldsView.render(subject)).containsExactly(
        "no test instance here (a static context): static fields of FieldsViewTests.Outer.Inner:",
        "  created  int  3",
        "failure: java.lang.IllegalStateException",
        "  message  null");
  }
}
