package io.github.reloadloop.core.internal.inplace;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What stays a fallback: changes other classes or reflection can see, and code the mechanism cannot express. */
@Timeout(60)
class InPlaceRefusalTests {

  @TempDir
  Path directory;

  private static final String LEDGER = """
      package shop;
      public class Ledger {
        private int base = 40;
        public Object total() { return BODY; }
      MEMBERS
      }
      """;

  private static String ledger(String body, String members) {
    return LEDGER.replace("BODY", body).replace("MEMBERS", members);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "public method       | base | public int more() { return 1; }                       | true  | method more() added",
      "protected field     | base | protected int more;                                   | true  | field int more is not private",
      "private constructor | base | private Ledger(int x) { }                             | true  | constructor(int) added",
      "annotated field     | base | @Deprecated private int more;                         | false | annotations that frameworks",
      "annotated method    | base + more() | @Deprecated private int more() { return 1; }  | false | annotations that frameworks",
      "anonymous class     | base + more() | private int more() { return new Object() { int v() { return 1; } }.v(); } | false | nested classes changed",
      "serializable lambda | base + more() | private int more() { java.util.function.IntSupplier s = (java.util.function.IntSupplier & java.io.Serializable) () -> 1; return s.getAsInt(); } | false | serializable lambdas",
      "private factory     | base + more() | private static Ledger make() { return new Ledger(0); } private Ledger(int x) { } private int more() { return 1; } | true | constructor(int) added",
  })
  void refused_withWhy(String what, String body, String members, boolean visible, String why) throws Exception {
    try (Harness harness = new Harness(directory)) {
      harness.start("shop.Ledger", ledger("base", ""));
      InPlace.Change change = harness.plan(ledger(body, members));
      assertThat(change.possible()).as(what).isFalse();
      assertThat(change.reason()).contains(why);
      assertThat(change.visible()).isEqualTo(visible);
    }
  }

  @Test
  void addedMethodCallingAPrivateConstructor_refused() throws Exception {
    String source = """
        package shop;
        public class Ledger {
          private int base = 40;
          private Ledger(int base) { this.base = base; }
          public Ledger() { }
          public Object total() { return BODY; }
          MORE
        }
        """;
    try (Harness harness = new Harness(directory)) {
      harness.start("shop.Ledger", source.replace("BODY", "base").replace("MORE", ""));
      InPlace.Change change = harness.plan(source.replace("BODY", "copy().base")
          .replace("MORE", "private Ledger copy() { return new Ledger(base + 1); }"));
      assertThat(change.possible()).isFalse();
      assertThat(change.reason()).isEqualTo("copy() calls a private constructor of Ledger");
    }
  }

  @Test
  void companionTheJvmRefuses_messageNamesTheMethodAndWhy_oldCodeKeepsRunning() throws Exception {
    try (Harness harness = new Harness(directory)) {
      Object ledger = harness.start("shop.Ledger", ledger("base", "")).getConstructor().newInstance();
      InPlace.Change change = harness.plan(ledger("plus(2)", "private int plus(int more) { return base + more; }"));
      InPlace.Change corrupt = Harness.withBrokenCompanion(change, "plus");

      assertThatThrownBy(corrupt::prepare).isInstanceOf(InPlace.Failure.class)
          .hasMessageContaining("was refused: java.lang.VerifyError")
          .hasMessageContaining("plus");
      assertThat(call(ledger, "total")).isEqualTo(40);
    }
  }
}
