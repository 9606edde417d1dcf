package io.github.reloadloop.core.internal.inplace;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.FixtureCompiler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each kind of private structural change, made in place on real compiled classes with the JVM's real
 * redefinition: an object created before the change runs the new code.
 */
@Timeout(60)
class InPlaceChangeTests {

  @TempDir
  Path directory;

  private static final String LEDGER = """
      package shop;
      import java.util.*;
      import java.util.function.*;
      public class Ledger {
        private int base = 40;
        public Object total() { return BODY; }
      MEMBERS
      }
      """;

  private static String ledger(String body, String members) {
    return LEDGER.replace("BODY", body).replace("MEMBERS", members);
  }

  private Object started(Harness harness) throws Exception {
    Class<?> type = harness.start("shop.Ledger", ledger("base", ""));
    Object ledger = type.getConstructor().newInstance();
    assertThat(call(ledger, "total")).isEqualTo(40);
    return ledger;
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void privateHelperAdded_existingObjectRunsIt(CompilerKind kind) throws Exception {
    try (Harness harness = new Harness(directory, kind, FixtureCompiler.RELEASE)) {
      Object ledger = started(harness);
      InPlace.Change change = harness.change(ledger("plus(2)", "private int plus(int more) { return base + more; }"));
      assertThat(call(ledger, "total")).isEqualTo(42);
      assertThat(change.changes()).containsExactly("1 method added");
    }
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void lambdaAddedAhead_renumberedLambdasKeepTheirObjects(CompilerKind kind) throws Exception {
    String greeter = """
        package shop;
        import java.util.function.*;
        public class Ledger {
          private final Supplier<String> hello = () -> "hello";
          public Object total() { return GREET; }
          public String shout() { Function<String, String> up = s -> s.toUpperCase(); return up.apply(total() + ""); }
        }
        """;
    try (Harness harness = new Harness(directory, kind, FixtureCompiler.RELEASE)) {
      Object ledger = harness.start("shop.Ledger", greeter.replace("GREET", "hello.get()"))
          .getConstructor().newInstance();
      assertThat(call(ledger, "shout")).isEqualTo("HELLO");
      InPlace.Change change = harness.change(greeter.replace("GREET",
          "hello.get() + ((Supplier<String>) () -> \"!\").get()"));
      assertThat(call(ledger, "total")).isEqualTo("hello!");
      assertThat(call(ledger, "shout")).isEqualTo("HELLO!");
      assertThat(change.changes()).containsExactly("1 lambda added");
    }
  }

  @Test
  void lambdaCapturingThisAndMethodReference_added() throws Exception {
    try (Harness harness = new Harness(directory)) {
      Object ledger = started(harness);
      harness.change(ledger("twice().getAsInt() + List.of(1, 2).stream().mapToInt(this::weight).sum()",
          "private IntSupplier twice() { return () -> base * 2; }\n"
              + "private int weight(int n) { return n * base; }"));
      assertThat(call(ledger, "total")).isEqualTo(80 + 120);
    }
  }

  @Test
  void staticFieldAdded_initialiserRunsOnce_andTheValueOutlivesLaterChanges() throws Exception {
    try (Harness harness = new Harness(directory)) {
      Object ledger = started(harness);
      String counter = "private static final java.util.concurrent.atomic.AtomicInteger COUNT = start();\n"
          + "private static java.util.concurrent.atomic.AtomicInteger start() {"
          + " return new java.util.concurrent.atomic.AtomicInteger(100); }";
      harness.change(ledger("COUNT.incrementAndGet()", counter));
      assertThat(call(ledger, "total")).isEqualTo(101);
      assertThat(call(ledger, "total")).isEqualTo(102);
      harness.change(ledger("COUNT.addAndGet(10)", counter));
      assertThat(call(ledger, "total")).isEqualTo(112);
    }
  }

  @Test
  void instanceFieldAdded_existingObjectsGetTheInitialiser_newOnesTheConstructor() throws Exception {
    try (Harness harness = new Harness(directory)) {
      Object ledger = started(harness);
      harness.change(ledger("++visits + seen.size() + (label == null ? 0 : 1000)",
          "private int visits = base / 4;\nprivate final List<String> seen = new ArrayList<>(List.of(\"a\"));\n"
              + "private String label;"));
      assertThat(call(ledger, "total")).isEqualTo(11 + 1);
      assertThat(call(ledger, "total")).isEqualTo(12 + 1);
      Object fresh = ledger.getClass().getConstructor().newInstance();
      assertThat(call(fresh, "total")).isEqualTo(11 + 1);
      assertThat(call(ledger, "total")).isEqualTo(13 + 1);
    }
  }

  @Test
  void synchronizedMethodsAdded_lockTheObjectAndTheClass() throws Exception {
    try (Harness harness = new Harness(directory)) {
      Object ledger = started(harness);
      harness.change(ledger("locked() + lockedStatic()",
          "private synchronized int locked() { return Thread.holdsLock(this) ? 1 : 0; }\n"
              + "private static synchronized int lockedStatic() { return Thread.holdsLock(Ledger.class) ? 10 : 0; }"));
      assertThat(call(ledger, "total")).isEqualTo(11);
      assertThat(Thread.holdsLock(ledger)).isFalse();
    }
  }

  @Test
  void synchronizedMethodThatThrows_releasesTheLock() throws Exception {
    try (Harness harness = new Harness(directory)) {
      Object ledger = started(harness);
      harness.change(ledger("guarded()",
          "private synchronized int guarded() { try { return fail(); } catch (IllegalStateException e) {"
              + " return Thread.holdsLock(this) ? 7 : 0; } }\n"
              + "private synchronized int fail() { if (base > 0) throw new IllegalStateException(); return 1; }"));
      assertThat(call(ledger, "total")).isEqualTo(7);
      Thread other = new Thread(() -> call(ledger, "total"));
      other.start();
      other.join(10_000);
      assertThat(other.isAlive()).as("another thread got the lock").isFalse();
    }
  }

  @Test
  void newMethodsCallingEachOther_recursively() throws Exception {
    try (Harness harness = new Harness(directory)) {
      Object ledger = started(harness);
      harness.change(ledger("even(base + 1) + 10 * even(base)",
          "private int even(int n) { return n == 0 ? 1 : odd(n - 1); }\n"
              + "private int odd(int n) { return n == 0 ? 0 : even(n - 1); }"));
      assertThat(call(ledger, "total")).isEqualTo(10);
    }
  }

  @Test
  void exceptionInAnAddedMethod_stackTraceNamesItAndItsLine() throws Exception {
    try (Harness harness = new Harness(directory)) {
      Object ledger = started(harness);
      String source = ledger("check(base)",
          "private int check(int value) {\n    if (value > 0) {\n      throw new IllegalStateException(\"boom\");\n"
              + "    }\n    return value;\n  }");
      harness.change(source);
      Throwable thrown = catchCause(() -> call(ledger, "total"));
      assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("boom");
      StackTraceElement top = thrown.getStackTrace()[0];
      assertThat(top.getMethodName()).isEqualTo("check");
      assertThat(top.getFileName()).isEqualTo("Ledger.java");
      int line = Arrays.asList(source.split("\n")).indexOf("      throw new IllegalStateException(\"boom\");") + 1;
      assertThat(top.getLineNumber()).isEqualTo(line);
      assertThat(thrown.getStackTrace()[1].getMethodName()).isEqualTo("total");
    }
  }

  @Test
  void tenChanges_addingAndRemovingWhatEarlierOnesAdded() throws Exception {
    try (Harness harness = new Harness(directory)) {
      Object ledger = started(harness);
      for (int i = 1; i <= 10; i++) {
        String members = switch (i % 3) {
          case 0 -> "";
          case 1 -> "private int plus(int more) { return base + more; }\nprivate int extra = " + i + ";";
          default -> "private long plus(long more) { Supplier<Long> s = () -> base + more; return s.get(); }";
        };
        String body = switch (i % 3) {
          case 0 -> "base + " + i;
          case 1 -> "plus(" + i + ") + extra";
          default -> "(int) plus(" + i + "L)";
        };
        harness.change(ledger(body, members));
        int expected = i % 3 == 1 ? 40 + 2 * i : 40 + i;
        assertThat(call(ledger, "total")).as("change %d", i).isEqualTo(i % 3 == 1 ? (Object) expected : expected);
      }
    }
  }

  @Test
  void privateMethodRemovedAndSignatureChanged() throws Exception {
    String source = """
        package shop;
        public class Ledger {
          private int base = 40;
          public Object total() { return BODY; }
          private int twice(int n) { return 2 * n; }
          MORE
        }
        """;
    try (Harness harness = new Harness(directory)) {
      Object ledger = harness.start("shop.Ledger", source.replace("BODY", "twice(base)").replace("MORE", ""))
          .getConstructor().newInstance();
      assertThat(call(ledger, "total")).isEqualTo(80);
      InPlace.Change change = harness.change("""
          package shop;
          public class Ledger {
            private int base = 40;
            public Object total() { return twice((long) base); }
            private long twice(long n) { return 3 * n; }
          }
          """);
      assertThat(call(ledger, "total")).isEqualTo(120L);
      assertThat(change.changes()).containsExactly("1 signature changed");
    }
  }

  @Test
  void addedMethodUsesPrivateMembersOfTheNestAndSuper() throws Exception {
    String source = """
        package shop;
        public class Ledger {
          private int base = 40;
          private final Box box = new Box();
          private static class Box { private int inside = 2; private int twice() { return inside * 2; } }
          public Object total() { return BODY; }
          private static int scale() { return 10; }
          @Override public String toString() { return "ledger"; }
          MORE
        }
        """;
    try (Harness harness = new Harness(directory)) {
      Object ledger = harness.start("shop.Ledger", source.replace("BODY", "base").replace("MORE", ""))
          .getConstructor().newInstance();
      harness.change(source.replace("BODY", "describe()").replace("MORE",
          "private String describe() { box.inside++; return base * scale() + \":\" + box.twice() + \":\""
              + " + super.toString().startsWith(\"shop.Ledger@\") + \":\" + toString(); }"));
      assertThat(call(ledger, "total")).isEqualTo("400:6:true:ledger");
    }
  }

  @Test
  void releaseEight_helperLambdaAndField_inPlace() throws Exception {
    try (Harness harness = new Harness(directory, CompilerKind.JAVAC, "8")) {
      Object ledger = started(harness);
      harness.change(ledger("plus(2) + hits++",
          "private int hits = 1;\nprivate int plus(int more) { IntSupplier s = () -> base + more; return s.getAsInt(); }"));
      assertThat(call(ledger, "total")).isEqualTo(43);
      assertThat(call(ledger, "total")).isEqualTo(44);
    }
  }

  private static Throwable catchCause(Runnable action) {
    try {
      action.run();
    } catch (AssertionError e) {
      return e.getCause() instanceof java.lang.reflect.InvocationTargetException target ? target.getCause() : e;
    }
    throw new AssertionError("nothing thrown");
  }

  /** Keeps the compiler from treating a supplier as unused. */
  static Supplier<String> unused() {
    return () -> "";
  }
}
