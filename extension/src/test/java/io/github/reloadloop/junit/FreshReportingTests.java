package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * After a fix that changes a class's shape, the tests that run in a fresh class loader are reported as a
 * plain run of the fixed code reports them: each test once, by Jupiter, under its own identity, with its real
 * result, nothing skipped that ran; and the console says so in a few lines, not one per test.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FreshReportingTests {

  private static final String FRESH_BEFORE_ALL = "acme.fresh.beforeAll";
  private static final String FIX = "return correct(sum);\n  }\n\n  static int correct(int sum) {\n    return sum;\n  }";
  private static final int RUNNING_CLASS_TESTS = 40;

  @TempDir Path directory;
  TempProject project;
  Path ledger;

  @BeforeEach
  void createProject() throws Exception {
    System.clearProperty(FRESH_BEFORE_ALL);
    project = new TempProject(directory)
        .mainSource("acme/Ledger.java", SchemaChangeTests.LEDGER)
        .testSource("acme/Balances.java", """
            package acme;

            final class Balances {
              static int of(int... amounts) {
                Ledger ledger = new Ledger();
                for (int amount : amounts) {
                  ledger.add(amount);
                }
                return ledger.balance();
              }
            }
            """)
        .testSource("acme/A_LedgerTest.java", runningClass(RUNNING_CLASS_TESTS));
    ledger = project.main.resolve("acme/Ledger.java");
  }

  @AfterEach
  void clearProperty() {
    System.clearProperty(FRESH_BEFORE_ALL);
  }

  /**
   * A class of {@code tests} tests in order, the first of which fails until {@code Ledger} is fixed; its
   * {@code @BeforeAll} counts the nested runs it runs in, in a fresh class loader.
   */
  private static String runningClass(int tests) {
    String methods = IntStream.rangeClosed(1, tests).mapToObj(i -> """
          @Test @Order(%d)
          void balance%02d() {
            assertEquals(%d, Balances.of(%d));
          }
        """.formatted(i, i, i, i)).collect(Collectors.joining("\n"));
    return """
        package acme;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.BeforeAll;
        import org.junit.jupiter.api.MethodOrderer;
        import org.junit.jupiter.api.Order;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.TestMethodOrder;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
        class A_LedgerTest {
          @BeforeAll
          static void countFreshRuns() {
            String loader = A_LedgerTest.class.getClassLoader().getName();
            if (loader != null && loader.startsWith("reload-loop-fresh-")) {
              System.setProperty("acme.fresh.beforeAll",
                  String.valueOf(Integer.getInteger("acme.fresh.beforeAll", 0) + 1));
            }
          }

        METHODS
        }
        """.replace("METHODS", methods);
  }

  private ScriptedConsole fixThenContinue() {
    return new ScriptedConsole().then(() -> {
      TempProject.edit(ledger, "return sum - 1;\n  }", FIX);
      return "continue";
    });
  }

  @Test
  void runningClassOfManyTests_schemaFix_restRunsInOneFreshRun_reportedAsAPlainRun_fewConsoleLines()
      throws Exception {
    project.testSource("acme/B_KindsTest.java", """
        package acme;

        import static org.junit.jupiter.api.Assertions.assertEquals;
        import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
        import static org.junit.jupiter.api.DynamicTest.dynamicTest;

        import io.github.reloadloop.junit.ReloadLoop;
        import java.util.stream.Stream;
        import org.junit.jupiter.api.BeforeEach;
        import org.junit.jupiter.api.Disabled;
        import org.junit.jupiter.api.DynamicNode;
        import org.junit.jupiter.api.Nested;
        import org.junit.jupiter.api.RepeatedTest;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.TestFactory;
        import org.junit.jupiter.api.extension.ExtendWith;
        import org.junit.jupiter.params.ParameterizedTest;
        import org.junit.jupiter.params.provider.ValueSource;

        @ExtendWith(ReloadLoop.class)
        class B_KindsTest {
          static int constructed;
          static int setUps;

          B_KindsTest() {
            constructed++;
          }

          @BeforeEach
          void setUp() {
            setUps++;
          }

          @Test
          void plain() {
            assertEquals(3, Balances.of(1, 2));
          }

          @Test
          void failsInTheFixedCodeToo() {
            assertEquals(4, Balances.of(1, 2), "a failure of its own");
          }

          @Test
          @Disabled("not today")
          void disabled() {
          }

          @ParameterizedTest
          @ValueSource(ints = {1, 2, 3})
          void parameterized(int amount) {
            assertEquals(amount, Balances.of(amount));
          }

          @RepeatedTest(2)
          void repeated() {
            assertEquals(2, Balances.of(2));
          }

          @TestFactory
          Stream<DynamicNode> factory() {
            return Stream.of(dynamicTest("one", () -> assertEquals(1, Balances.of(1))),
                dynamicContainer("more", Stream.of(dynamicTest("two", () -> assertEquals(2, Balances.of(2))))));
          }

          @Nested
          class Inner {
            @Test
            void nested() {
              assertEquals(5, Balances.of(5));
            }
          }
        }
        """)
        .testSource("acme/C_PlainTest.java", """
            package acme;

            import io.github.reloadloop.junit.ReloadLoop;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(ReloadLoop.class)
            class C_PlainTest {
              @Test
              void reachesNoLedger() {
              }
            }
            """)
        .compile();
    List<String> classes = List.of("acme.A_LedgerTest", "acme.B_KindsTest", "acme.C_PlainTest");
    ScriptedConsole console = fixThenContinue().type("skip");

    EngineExecutionResults looped = project.run(classes, console);

    assertThat(Integer.getInteger(FRESH_BEFORE_ALL)).as("fresh runs of A_LedgerTest: the rerun, then the rest at once")
        .isEqualTo(2);
    assertThat(project.staticField("acme.B_KindsTest", "constructed")).as("originals constructed").isEqualTo(0);
    assertThat(project.staticField("acme.B_KindsTest", "setUps")).as("original @BeforeEach run").isEqualTo(0);
    String transcript = console.transcript();
    assertThat(transcript)
        .contains("PASSED A_LedgerTest > balance01() after 1 rerun")
        .containsOnlyOnce("later tests that reach Ledger run in a fresh class loader")
        .containsOnlyOnce("A_LedgerTest: 39 tests passed in a fresh class loader (reload-loop-fresh-1)")
        .contains("FAILED: B_KindsTest > failsInTheFixedCodeToo()")
        .containsOnlyOnce("B_KindsTest: 9 tests passed, 1 failed (B_KindsTest > failsInTheFixedCodeToo()) in a fresh"
            + " class loader (reload-loop-fresh-1)")
        .contains("49 tests in 2 classes ran in a fresh class loader; 1 failed: B_KindsTest > failsInTheFixedCodeToo()")
        .doesNotContain("C_PlainTest:");
    // Besides the failures and the reloads: one line per class at most, the announcement and the summary.
    assertThat(transcript.lines().filter(line -> line.contains("fresh class loader")
            && !line.startsWith("changed shape: ") && !line.startsWith("ran in a fresh class loader")).count())
        .as("console lines about fresh class loaders: %s", transcript).isLessThanOrEqualTo(classes.size() + 2);
    looped.testEvents().assertThatEvents()
        .haveExactly(1, event(test("failsInTheFixedCodeToo"), LauncherRecorder.reportedByJupiter(),
            finishedWithFailure(message(m -> m.startsWith("a failure of its own")))))
        .haveExactly(1, event(test(), displayName("one"), LauncherRecorder.reportedByJupiter(), finishedSuccessfully()))
        .haveExactly(1, event(test("nested"), LauncherRecorder.reportedByJupiter(), finishedSuccessfully()));

    project.compile(); // The fixed code, as a plain run after the fix would build it.
    EngineExecutionResults plain = project.run(classes, new ScriptedConsole(), "reload.loop", "false");
    assertThat(LauncherRecorder.outcomes(looped)).as("every test and container, as a plain run of the fixed code"
        + " reports it").isEqualTo(LauncherRecorder.outcomes(plain));
    assertThat(LauncherRecorder.outcomes(plain)).hasSizeGreaterThan(RUNNING_CLASS_TESTS + 10);
  }

  /**
   * Under parallel execution each remaining test of the running class gets a nested run of its own (no
   * nested run may wait for the outer run's order there); the console still says one line for the class.
   */
  @Test
  void runningClassUnderParallelExecution_aRunPerTest_stillOneConsoleLineForTheClass() throws Exception {
    project.testSource("acme/A_LedgerTest.java", runningClass(6)).compile();
    ScriptedConsole console = fixThenContinue();

    EngineExecutionResults looped = project.run(List.of("acme.A_LedgerTest"), console,
        "junit.jupiter.execution.parallel.enabled", "true");

    assertThat(Integer.getInteger(FRESH_BEFORE_ALL)).as("fresh runs of A_LedgerTest: the rerun, then one a test")
        .isEqualTo(6);
    assertThat(console.transcript().lines().filter(line -> line.startsWith("A_LedgerTest: ")))
        .as(console.transcript()).containsExactly("A_LedgerTest: 1 test passed in a fresh class loader (reload-loop-fresh-1)");
    assertThat(console.transcript()).containsOnlyOnce("5 tests in 1 class ran in a fresh class loader; all passed");
    looped.testEvents().assertStatistics(s -> s.succeeded(6).failed(0));
    LauncherRecorder.assertReportedLikeAPlainRun(looped);
  }

  @Test
  void laterClassFailsInBeforeAllOrAfterAll_reportedAsTheClassFailing_asInAPlainRun() throws Exception {
    project.testSource("acme/A_LedgerTest.java", runningClass(2))
        .testSource("acme/B_SetupFailsTest.java", classLevelFailure("B_SetupFailsTest", "BeforeAll"))
        .testSource("acme/C_TeardownFailsTest.java", classLevelFailure("C_TeardownFailsTest", "AfterAll"))
        .compile();
    List<String> classes = List.of("acme.A_LedgerTest", "acme.B_SetupFailsTest", "acme.C_TeardownFailsTest");

    EngineExecutionResults looped = project.run(classes, fixThenContinue());

    looped.containerEvents().assertThatEvents()
        .haveExactly(1, event(LauncherRecorder.container("B_SetupFailsTest"),
            finishedWithFailure(message("BeforeAll fails in the fixed code too"))))
        .haveExactly(1, event(LauncherRecorder.container("C_TeardownFailsTest"),
            finishedWithFailure(message("AfterAll fails in the fixed code too"))));
    project.compile();
    EngineExecutionResults plain = project.run(classes, new ScriptedConsole(), "reload.loop", "false");
    assertThat(LauncherRecorder.outcomes(looped)).isEqualTo(LauncherRecorder.outcomes(plain));
  }

  /** A class reaching Ledger whose {@code @BeforeAll} or {@code @AfterAll} fails against the fixed code. */
  private static String classLevelFailure(String name, String phase) {
    return """
        package acme;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.PHASE;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class NAME {
          @PHASE
          static void classLevel() {
            if (Balances.of(2) == 2) {
              throw new IllegalStateException("PHASE fails in the fixed code too");
            }
          }

          @Test
          void usesLedger() {
            assertEquals(2, Balances.of(2));
          }
        }
        """.replace("NAME", name).replace("PHASE", phase);
  }

  @Test
  void fixAddsATestToALaterClass_theNewTestIsReportedToo() throws Exception {
    project.testSource("acme/A_LedgerTest.java", runningClass(2))
        .testSource("acme/B_GrowingTest.java", """
            package acme;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import io.github.reloadloop.junit.ReloadLoop;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(ReloadLoop.class)
            class B_GrowingTest {
              @Test
              void existing() {
                assertEquals(2, Balances.of(2));
              }
            }
            """)
        .compile();
    Path growing = project.test.resolve("acme/B_GrowingTest.java");
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(ledger, "return sum - 1;\n  }", FIX);
      TempProject.edit(growing, "  @Test\n  void existing() {",
          "  @Test\n  void added() {\n    assertEquals(3, Balances.of(3));\n  }\n\n  @Test\n  void existing() {");
      return "continue";
    });

    EngineExecutionResults looped = project.run(List.of("acme.A_LedgerTest", "acme.B_GrowingTest"), console);

    looped.testEvents().assertThatEvents()
        .haveExactly(1, event(test("existing"), LauncherRecorder.reportedByJupiter(), finishedSuccessfully()))
        .haveExactly(1, event(test("added"), LauncherRecorder.reportedByReloadLoop(), finishedSuccessfully()));
    looped.testEvents().assertStatistics(s -> s.succeeded(4).failed(0).skipped(0));
    assertThat(Arrays.asList(console.transcript().split("\n"))).anyMatch(line -> line.startsWith("B_GrowingTest: 2 tests passed"));
  }
}
