package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The rerun selects exactly the failed test: one parameterized invocation, one repetition, a nested
 * test, a dynamic test. Also abort and parallel execution.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoopTestKindsTests {

  static final String DISCOUNT = """
      package shop;

      public enum Discount {
        NONE, SILVER, GOLD;

        public int percent() {
          return switch (this) {
            case NONE -> 0;
            case SILVER -> 5;
            case GOLD -> 50;
          };
        }
      }
      """;

  /** Three tests that fail alike, for runs in parallel. */
  static final String PARALLEL_TEST = """
      package shop;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import io.github.reloadloop.junit.ReloadLoop;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      class ParallelTest {
        @Test void a() { assertEquals(10, Discount.GOLD.percent(), "a"); }
        @Test void b() { assertEquals(10, Discount.GOLD.percent(), "b"); }
        @Test void c() { assertEquals(10, Discount.GOLD.percent(), "c"); }
      }
      """;

  @TempDir Path directory;
  TempProject project;
  Path discount;

  @BeforeEach
  void createProject() throws Exception {
    project = new TempProject(directory).mainSource("shop/Discount.java", DISCOUNT);
    discount = project.main.resolve("shop/Discount.java");
  }

  private ScriptedConsole fixGoldThenContinue() {
    return new ScriptedConsole().then(() -> {
      TempProject.edit(discount, "case GOLD -> 50;", "case GOLD -> 10;");
      return "continue";
    });
  }

  @Test
  void parameterizedInvocationFails_fixThenContinue_onlyThatInvocationRerunAndPassed() throws Exception {
    project.testSource("shop/DiscountTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertTrue;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.extension.ExtendWith;
        import org.junit.jupiter.params.ParameterizedTest;
        import org.junit.jupiter.params.provider.EnumSource;

        @ExtendWith(ReloadLoop.class)
        class DiscountTest {
          public static final java.util.List<String> RUNS = new java.util.concurrent.CopyOnWriteArrayList<>();

          @ParameterizedTest
          @EnumSource(Discount.class)
          void atMostTenPercent(Discount discount) {
            RUNS.add(discount.name());
            assertTrue(discount.percent() <= 10, discount + " gives " + discount.percent());
          }
        }
        """).compile();
    ScriptedConsole console = fixGoldThenContinue();

    EngineExecutionResults results = project.run("shop.DiscountTest", console);

    assertThat(project.staticField("shop.DiscountTest", "RUNS"))
        .as("the three invocations, the rerun of GOLD alone, then the two that passed before the fix revalidated")
        .isEqualTo(List.of("NONE", "SILVER", "GOLD", "GOLD", "NONE", "SILVER"));
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
    LauncherRecorder.assertReportedLikeAPlainRun(results); // The two revalidated passes are not reported again.
    assertThat(console.transcript()).contains("FAILED: DiscountTest > atMostTenPercent(Discount) > [3] GOLD")
        .contains("GOLD gives 50").contains("PASSED DiscountTest > atMostTenPercent(Discount) > [3] GOLD after 1 rerun")
        .contains("DiscountTest: 2 tests revalidated, all passed");
  }

  @Test
  void repeatedTestRepetitionFails_fixThenContinue_passed() throws Exception {
    project.testSource("shop/RepeatTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.RepeatedTest;
        import org.junit.jupiter.api.RepetitionInfo;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class RepeatTest {
          @RepeatedTest(2)
          void goldIsTen(RepetitionInfo info) {
            assertEquals(10, Discount.GOLD.percent(), "repetition " + info.getCurrentRepetition());
          }
        }
        """).compile();
    ScriptedConsole console = fixGoldThenContinue();

    EngineExecutionResults results = project.run("shop.RepeatTest", console);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    assertThat(console.reads.get()).as("second repetition runs the reloaded code").isEqualTo(1);
  }

  @Test
  void nestedTestFails_fixThenContinue_passed() throws Exception {
    project.testSource("shop/OuterTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.BeforeEach;
        import org.junit.jupiter.api.Nested;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class OuterTest {
          Discount discount;

          @BeforeEach
          void pick() {
            discount = Discount.GOLD;
          }

          @Nested
          class WhenGold {
            @Test
            void tenPercent() {
              assertEquals(10, discount.percent());
            }
          }
        }
        """).compile();
    ScriptedConsole console = fixGoldThenContinue();

    EngineExecutionResults results = project.run("shop.OuterTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("tenPercent"), finishedSuccessfully()));
    assertThat(console.transcript()).contains("FAILED: OuterTest > WhenGold > tenPercent()");
  }

  @Test
  void dynamicTestFails_fixThenContinue_passed() throws Exception {
    project.testSource("shop/DynamicTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertTrue;
        import static org.junit.jupiter.api.DynamicTest.dynamicTest;

        import io.github.reloadloop.junit.ReloadLoop;
        import java.util.Arrays;
        import java.util.stream.Stream;
        import org.junit.jupiter.api.TestFactory;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class DynamicTest {
          @TestFactory
          Stream<org.junit.jupiter.api.DynamicTest> discounts() {
            return Arrays.stream(Discount.values())
                .map(d -> dynamicTest(d.name(), () -> assertTrue(d.percent() <= 10, d.name())));
          }
        }
        """).compile();
    ScriptedConsole console = fixGoldThenContinue();

    EngineExecutionResults results = project.run("shop.DynamicTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(displayName("GOLD"), finishedSuccessfully()));
    results.testEvents().assertStatistics(s -> s.failed(0).succeeded(3));
  }

  @Test
  void abort_thisAndLaterFailuresFailWithoutPrompt() throws Exception {
    project.testSource("shop/TwoFailuresTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.MethodOrderer;
        import org.junit.jupiter.api.Order;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.TestMethodOrder;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
        class TwoFailuresTest {
          @Test @Order(1)
          void first() {
            assertEquals(10, Discount.GOLD.percent());
          }

          @Test @Order(2)
          void second() {
            assertEquals(1, Discount.SILVER.percent());
          }
        }
        """).compile();
    ScriptedConsole console = new ScriptedConsole().type("abort").type("continue");

    EngineExecutionResults results = project.run("shop.TwoFailuresTest", console);

    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("first"), finishedWithFailure()))
        .haveExactly(1, event(test("second"), finishedWithFailure()));
    assertThat(console.reads.get()).isEqualTo(1);
  }

  @Test
  void failedAssumption_testAbortedWithoutPrompt() throws Exception {
    project.testSource("shop/AssumeTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assumptions.assumeTrue;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class AssumeTest {
          @Test
          void onlyForGold() {
            assumeTrue(Discount.GOLD.percent() == 10, "needs the fixed Gold discount");
          }
        }
        """).compile();
    ScriptedConsole console = new ScriptedConsole().type("continue");

    EngineExecutionResults results = project.run("shop.AssumeTest", console);

    results.testEvents().assertStatistics(s -> s.aborted(1).failed(0));
    assertThat(console.reads.get()).isZero();
  }

  @Test
  void parallelFailures_oneConsoleAtATime() throws Exception {
    project.testSource("shop/ParallelTest.java", PARALLEL_TEST).compile();
    // The first answer waits until the two other failing tests are blocked waiting for the console.
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          awaitThreadsWaitingForTheConsole(2);
          return "skip";
        })
        .type("skip").type("skip");

    EngineExecutionResults results = project.run("shop.ParallelTest", console, parallel());

    results.testEvents().assertStatistics(s -> s.failed(3));
    // Each failure is shown, then its prompt is answered, before the next failure is shown.
    java.util.List<String> lines = console.lines().stream()
        .filter(l -> l.startsWith("FAILED") || l.startsWith("reload>")).toList();
    assertThat(lines).hasSize(6);
    for (int i = 0; i < 6; i += 2) {
      assertThat(lines.get(i)).startsWith("FAILED: ParallelTest > ");
      assertThat(lines.get(i + 1)).isEqualTo("reload> ");
    }
    assertThat(lines.stream().filter(l -> l.startsWith("FAILED")).distinct()).hasSize(3);
  }

  /**
   * With auto-rerun, the failures that waited for the console while the first one was fixed rerun at once when
   * their turn comes, against the fix saved since they failed, with no line typed.
   */
  @Test
  void parallelFailures_autoRerun_failuresThatWaitedRerunAtOnceAgainstTheFix() throws Exception {
    project.testSource("shop/ParallelTest.java", PARALLEL_TEST).compile();
    ScriptedConsole console = new ScriptedConsole().thenAwaitWake(() -> {
      awaitThreadsWaitingForTheConsole(2);
      TempProject.edit(discount, "case GOLD -> 50;", "case GOLD -> 10;");
    });

    EngineExecutionResults results = project.run("shop.ParallelTest", console, parallel("reload.auto", "true"));

    results.testEvents().assertStatistics(s -> s.failed(0));
    for (String test : List.of("a", "b", "c")) {
      assertThat(console.transcript()).contains("auto: rerunning ParallelTest > " + test + "()")
          .contains("PASSED ParallelTest > " + test + "() after 1 rerun");
    }
    assertThat(console.reads.get()).as("one read, ended by the wake-up; the two others reran without one")
        .isEqualTo(1);
  }

  /** Configuration parameters that run the three tests at once, and {@code more}. */
  private static String[] parallel(String... more) {
    List<String> parameters = new java.util.ArrayList<>(List.of(more));
    parameters.addAll(List.of("junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "concurrent",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism", "3"));
    return parameters.toArray(String[]::new);
  }

  /** Polls, boundedly, until {@code count} threads are parked in the loop waiting for their turn. */
  static void awaitThreadsWaitingForTheConsole(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      long waiting = Thread.getAllStackTraces().entrySet().stream()
          .filter(e -> e.getKey().getState() == Thread.State.WAITING)
          .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f ->
              f.getClassName().equals("io.github.reloadloop.junit.internal.loop.FailureLoop") && f.getMethodName().equals("resolve")))
          .count();
      if (waiting >= count) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the other failing tests never waited for the console");
  }
}
