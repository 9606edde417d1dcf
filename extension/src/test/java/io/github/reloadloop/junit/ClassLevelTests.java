package io.github.reloadloop.junit;

import static io.github.reloadloop.junit.LauncherRecorder.container;
import static io.github.reloadloop.junit.LauncherRecorder.reportedByJupiter;
import static io.github.reloadloop.junit.LauncherRecorder.reportedByReloadLoop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.not;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * Failures around a class's tests at the console (the real Jupiter engine, javac, reloading and, for a
 * change of shape, a nested run in a fresh class loader; only the console's input is scripted): a
 * {@code @BeforeAll} method, its parameters, the test class constructor, an {@code @AfterAll} and an
 * {@code @AfterEach} method. The fix is saved, {@code continue} redoes the phase against the patched code, and
 * the class goes on as if nothing had failed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClassLevelTests {

  /** {@code Inventory.ready()} says whether the fixture may start: the bug makes it {@code "broken"}. */
  static final String INVENTORY = """
      package shop;

      public class Inventory {
        public static String ready() {
          return "broken";
        }
      }
      """;
  static final String BUG = "return \"broken\";";
  static final String FIX = "return \"ready\";";
  /** The same fix through a new package-private method: a change of shape the JVM refuses to redefine. */
  static final String FIX_WITH_NEW_METHOD = "return word();\n  }\n\n  static String word() {\n    return \"ready\";";

  /** A {@code @BeforeAll} that fails on the bug, and an {@code @AfterAll} that then fails too (as in a plain run). */
  static final String SEEDED_WITH_AFTER_ALL = """
      package shop;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import io.github.reloadloop.junit.ReloadLoop;
      import org.junit.jupiter.api.AfterAll;
      import org.junit.jupiter.api.BeforeAll;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      class SeededTest {
        static String stock;

        @BeforeAll
        static void seed() {
          assertEquals("ready", Inventory.ready(), "stock seeded");
          stock = "beans";
        }

        @AfterAll
        static void empty() {
          assertEquals("beans", stock, "emptied what was seeded");
        }

        @Test
        void first() {
          assertEquals("beans", stock);
        }
      }
      """;

  /** A test class whose constructor fails on the bug, with two tests. */
  static final String SHELF_TEST = """
      package shop;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import io.github.reloadloop.junit.ReloadLoop;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      class ShelfTest {
        static int made;
        final String state;

        ShelfTest() {
          made++;
          state = Inventory.ready();
          assertEquals("ready", state, "shelf stocked");
        }

        @Test
        void first() {
          assertEquals("ready", state);
        }

        @Test
        void second() {
          assertEquals("ready", state);
        }
      }
      """;

  @TempDir Path directory;
  TempProject project;
  Path inventory;

  @BeforeEach
  void createProject() throws Exception {
    project = new TempProject(directory).mainSource("shop/Inventory.java", INVENTORY);
    inventory = project.main.resolve("shop/Inventory.java");
  }

  private ScriptedConsole fixing(String fix) {
    return new ScriptedConsole().then(() -> {
      TempProject.edit(inventory, BUG, fix);
      return "continue";
    });
  }

  @Test
  void failingBeforeAll_fixThenContinue_calledAgainThenTheTestsRun() throws Exception {
    project.testSource("shop/SeededTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.BeforeAll;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class SeededTest {
          static int seedCalls;
          static int laterCalls;
          static String stock;

          @BeforeAll
          static void seed() {
            seedCalls++;
            assertEquals("ready", Inventory.ready(), "stock seeded");
            stock = "beans";
          }

          @BeforeAll
          static void later() {
            laterCalls++;
          }

          @Test
          void first() {
            assertEquals("beans", stock);
          }

          @Test
          void second() {
            assertEquals("beans", stock);
          }
        }
        """).compile();
    ScriptedConsole console = new ScriptedConsole().type("p Inventory.ready()").type("where").then(() -> {
      TempProject.edit(inventory, BUG, FIX);
      return "continue";
    });

    EngineExecutionResults results = project.run("shop.SeededTest", console);

    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0).aborted(0));
    results.containerEvents().assertThatEvents().haveExactly(1, event(container("SeededTest"), finishedSuccessfully()));
    assertThat(console.transcript())
        .contains("FAILED: @BeforeAll seed() of SeededTest")
        .contains("stock seeded ==> expected: <ready> but was: <broken>")
        .contains("$1 ==> \"broken\"")
        .containsPattern("  > shop\\.SeededTest\\.seed  \\S*src/test/java/shop/SeededTest\\.java:\\d+")
        .contains("PASSED @BeforeAll seed() of SeededTest after 1 rerun");
    assertThat(project.staticField("shop.SeededTest", "seedCalls")).as("the failed call and the rerun").isEqualTo(2);
    assertThat(project.staticField("shop.SeededTest", "laterCalls")).as("the next @BeforeAll, once").isEqualTo(1);
    assertThat(console.reads.get()).isEqualTo(3);
  }

  @Test
  void failingBeforeAll_skip_theClassFailsAsInAPlainRun() throws Exception {
    project.testSource("shop/SeededTest.java", SEEDED_WITH_AFTER_ALL).compile();
    ScriptedConsole console = new ScriptedConsole().type("skip");

    EngineExecutionResults results = project.run("shop.SeededTest", console);

    results.containerEvents().assertThatEvents().haveExactly(1, event(container("SeededTest"),
        finishedWithFailure(instanceOf(AssertionFailedError.class), message(m -> m.startsWith("stock seeded")))));
    results.testEvents().assertStatistics(s -> s.started(0));
    assertThat(console.reads.get()).as("the @AfterAll failure that follows is not stopped at").isEqualTo(1);
    assertThat(console.transcript()).contains("skipped: @BeforeAll seed() of SeededTest fails");
  }

  /**
   * Resolved anew through the class context's executable invoker, which sees the class's extensions from 5.11;
   * on 5.10, where it does not, the failure fails as in a plain run, without a prompt that could never pass.
   */
  @Test
  void beforeAllParameterNotResolved_fixThenContinue_resolvedAgain() throws Exception {
    project.testSource("shop/Stock.java", """
        package shop;

        public record Stock(String item) {}
        """).testSource("shop/StockResolver.java", """
        package shop;

        import org.junit.jupiter.api.extension.ExtensionContext;
        import org.junit.jupiter.api.extension.ParameterContext;
        import org.junit.jupiter.api.extension.ParameterResolutionException;
        import org.junit.jupiter.api.extension.ParameterResolver;

        public class StockResolver implements ParameterResolver {
          @Override
          public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Stock.class;
          }

          @Override
          public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            if (!Inventory.ready().equals("ready")) {
              throw new ParameterResolutionException("the inventory is " + Inventory.ready());
            }
            return new Stock("beans");
          }
        }
        """).testSource("shop/StockTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.BeforeAll;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith({ReloadLoop.class, StockResolver.class})
        class StockTest {
          static Stock stock;

          @BeforeAll
          static void seed(Stock given) {
            stock = given;
          }

          @Test
          void stocked() {
            assertEquals("beans", stock.item());
          }
        }
        """).compile();
    ScriptedConsole console = fixing(FIX);

    EngineExecutionResults results = project.run("shop.StockTest", console);

    if (!JupiterVersion.atLeast(5, 11)) {
      results.containerEvents().assertThatEvents().haveExactly(1, event(container("StockTest"),
          finishedWithFailure(message(m -> m.contains("the inventory is broken")))));
      assertThat(console.reads.get()).as("no prompt on 5.10").isZero();
      return;
    }
    assertThat(results.testEvents().succeeded().count()).as(console.transcript()).isEqualTo(1);
    results.testEvents().assertThatEvents().haveExactly(1, event(test("stocked"), finishedSuccessfully()));
    assertThat(console.transcript())
        .contains("FAILED: the parameters of @BeforeAll seed(Stock) of StockTest")
        .contains("the inventory is broken")
        .contains("PASSED the parameters of @BeforeAll seed(Stock) of StockTest after 1 rerun");
  }

  @Test
  void failingBeforeAll_fixMakesItPassButATestFail_theTestsFailureIsLooped() throws Exception {
    project.testSource("shop/SeededTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.BeforeAll;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class SeededTest {
          static String stock;

          @BeforeAll
          static void seed() {
            assertEquals("ready", Inventory.ready(), "stock seeded");
            stock = "beans";
          }

          @Test
          void first() {
            assertEquals("rice", stock, "what was seeded");
          }
        }
        """).compile();
    Path seededTest = project.test.resolve("shop/SeededTest.java");
    ScriptedConsole console = fixing(FIX).then(() -> {
      TempProject.edit(seededTest, "assertEquals(\"rice\"", "assertEquals(\"beans\"");
      return "continue";
    });

    EngineExecutionResults results = project.run("shop.SeededTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("first"), finishedSuccessfully()));
    results.allEvents().assertStatistics(s -> s.failed(0));
    assertThat(console.transcript())
        .contains("PASSED @BeforeAll seed() of SeededTest after 1 rerun")
        .contains("FAILED: SeededTest > first()")
        .contains("what was seeded ==> expected: <rice> but was: <beans>")
        .contains("PASSED SeededTest > first() after 1 rerun");
    assertThat(console.reads.get()).isEqualTo(2);
  }

  @Test
  void failingConstructor_fixThenContinue_instanceMadeAgainAndTheTestPasses() throws Exception {
    project.testSource("shop/ShelfTest.java", SHELF_TEST).compile();
    ScriptedConsole console = fixing(FIX).type("fields");

    EngineExecutionResults results = project.run("shop.ShelfTest", console);

    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    assertThat(console.transcript())
        .contains("FAILED: the constructor of ShelfTest")
        .contains("shelf stocked ==> expected: <ready> but was: <broken>")
        .contains("PASSED the constructor of ShelfTest after 1 rerun");
    assertThat(project.staticField("shop.ShelfTest", "made")).as("failed, made again, then the second test's")
        .isEqualTo(3);
    assertThat(console.reads.get()).isEqualTo(1);
  }

  /** As in a plain run, each test fails with the constructor's failure; the console stops once. */
  @Test
  void failingConstructor_skip_eachTestFailsWithoutAnotherPrompt() throws Exception {
    project.testSource("shop/ShelfTest.java", SHELF_TEST).compile();
    ScriptedConsole console = new ScriptedConsole().type("skip");

    EngineExecutionResults results = project.run("shop.ShelfTest", console);

    results.testEvents().assertStatistics(s -> s.started(2).failed(2));
    results.testEvents().assertThatEvents().haveExactly(2,
        event(finishedWithFailure(instanceOf(AssertionFailedError.class), message(m -> m.startsWith("shelf stocked")))));
    assertThat(console.transcript()).contains("skipped: the constructor of ShelfTest fails");
    assertThat(console.reads.get()).isEqualTo(1);
    assertThat(project.staticField("shop.ShelfTest", "made")).as("once for each test, as in a plain run").isEqualTo(2);
  }

  @Test
  void failingAfterAll_fixThenContinue_calledAgainAndTheConsoleSaysTheTestsPassed() throws Exception {
    project.testSource("shop/ClosingTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.AfterAll;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class ClosingTest {
          static int closeCalls;

          @AfterAll
          static void close() {
            closeCalls++;
            assertEquals("ready", Inventory.ready(), "closed cleanly");
          }

          @Test
          void first() {
          }

          @Test
          void second() {
          }
        }
        """).compile();
    ScriptedConsole console = fixing(FIX);

    EngineExecutionResults results = project.run("shop.ClosingTest", console);

    // The tests reach Inventory, changed since they passed: the reload-loop engine revalidates them too.
    results.testEvents().assertStatistics(s -> s.failed(0).aborted(0));
    results.testEvents().assertThatEvents().haveExactly(2, event(
        not(reportedByReloadLoop()), finishedSuccessfully()));
    results.containerEvents().assertThatEvents()
        .haveExactly(1, event(container("ClosingTest"), finishedSuccessfully()));
    assertThat(console.transcript())
        .contains("FAILED: @AfterAll close() of ClosingTest")
        .contains("its tests ran before it: 2 passed")
        .contains("PASSED @AfterAll close() of ClosingTest after 1 rerun");
    assertThat(project.staticField("shop.ClosingTest", "closeCalls"))
        .as("the failed call, the rerun, and the class's revalidation run").isEqualTo(3);
  }

  @Test
  void failingAfterEach_fixThenContinue_calledAgainOnTheSameInstance() throws Exception {
    project.testSource("shop/CleanupTest.java", """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import java.util.ArrayList;
        import java.util.List;
        import org.junit.jupiter.api.AfterEach;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class CleanupTest {
          static final List<Object> TORN_DOWN = new ArrayList<>();
          static int bodies;
          String shelf = "beans";

          @Test
          void body() {
            bodies++;
          }

          @AfterEach
          void tearDown() {
            TORN_DOWN.add(this);
            assertEquals("ready", Inventory.ready(), "tear-down check");
          }
        }
        """).compile();
    ScriptedConsole console = new ScriptedConsole().type("fields").then(() -> {
      TempProject.edit(inventory, BUG, FIX);
      return "continue";
    });

    EngineExecutionResults results = project.run("shop.CleanupTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("body"), finishedSuccessfully()));
    assertThat(console.transcript())
        .contains("FAILED: @AfterEach tearDown() of CleanupTest > body()")
        .contains("the test itself passed; the rerun calls @AfterEach tearDown() again on its instance")
        .containsPattern("shelf +String +\"beans\"")
        .contains("PASSED @AfterEach tearDown() of CleanupTest > body() after 1 rerun");
    @SuppressWarnings("unchecked")
    List<Object> tornDown = (List<Object>) project.staticField("shop.CleanupTest", "TORN_DOWN");
    assertThat(tornDown).hasSize(2);
    assertThat(tornDown.get(1)).as("the same instance, torn down again").isSameAs(tornDown.get(0));
    assertThat(project.staticField("shop.CleanupTest", "bodies")).as("the body ran once").isEqualTo(1);
  }

  /**
   * The class ran whole in a fresh loader; the original then reports it as a plain run would: its test once,
   * passed, under its own identity, nothing aborted or skipped, and its own code (the {@code @AfterAll} that
   * would fail on the old seed) does not run again.
   */
  @Test
  void failingBeforeAll_fixChangesShape_theClassRunsInAFreshLoaderInsteadOfTheOriginal() throws Exception {
    project.testSource("shop/SeededTest.java", SEEDED_WITH_AFTER_ALL).compile();
    ScriptedConsole console = fixing(FIX_WITH_NEW_METHOD);

    EngineExecutionResults results = project.run("shop.SeededTest", console);

    results.containerEvents().assertThatEvents().haveExactly(1, event(container("SeededTest"), finishedSuccessfully()));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(reportedByJupiter(), test("first"), finishedSuccessfully()));
    results.allEvents().assertStatistics(s -> s.failed(0).aborted(0));
    LauncherRecorder.assertReportedLikeAPlainRun(results);
    assertThat(console.transcript())
        .contains("changed shape: shop.Inventory; the rerun uses a fresh class loader")
        .contains("PASSED @BeforeAll seed() of SeededTest after 1 rerun")
        .contains("SeededTest: 1 test passed in a fresh class loader");
    assertThat(console.reads.get()).as("the original's @AfterAll did not run to fail again").isEqualTo(1);
  }

  /**
   * A constructor fixed by a change of shape: the class runs whole in a fresh loader, and the original's two
   * tests end as they ended there, without the original's constructor running again.
   */
  @Test
  void failingConstructor_fixChangesShape_theOriginalsTestsEndAsInTheFreshLoader() throws Exception {
    project.testSource("shop/ShelfTest.java", SHELF_TEST).compile();
    ScriptedConsole console = fixing(FIX_WITH_NEW_METHOD);

    EngineExecutionResults results = project.run("shop.ShelfTest", console);

    results.testEvents().assertThatEvents()
        .haveExactly(1, event(reportedByJupiter(), test("first"), finishedSuccessfully()))
        .haveExactly(1, event(reportedByJupiter(), test("second"), finishedSuccessfully()));
    results.allEvents().assertStatistics(s -> s.failed(0).aborted(0));
    LauncherRecorder.assertReportedLikeAPlainRun(results);
    assertThat(console.transcript())
        .contains("PASSED the constructor of ShelfTest after 1 rerun")
        .contains("ShelfTest: 2 tests passed in a fresh class loader");
    assertThat(project.staticField("shop.ShelfTest", "made")).as("the original's constructor ran once, and failed")
        .isEqualTo(1);
    assertThat(console.reads.get()).isEqualTo(1);
  }

  @Test
  void failingBeforeAll_abort_laterClassLevelFailuresFailWithoutAPrompt() throws Exception {
    for (String name : List.of("FirstTest", "SecondTest")) {
      project.testSource("shop/" + name + ".java", """
          package shop;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import io.github.reloadloop.junit.ReloadLoop;
          import org.junit.jupiter.api.BeforeAll;
          import org.junit.jupiter.api.Test;
          import org.junit.jupiter.api.extension.ExtendWith;

          @ExtendWith(ReloadLoop.class)
          class NAME {
            @BeforeAll
            static void seed() {
              assertEquals("ready", Inventory.ready(), "stock seeded");
            }

            @Test
            void first() {
            }
          }
          """.replace("NAME", name));
    }
    project.compile();
    ScriptedConsole console = new ScriptedConsole().type("abort");

    EngineExecutionResults results = project.run(List.of("shop.FirstTest", "shop.SecondTest"), console);

    results.containerEvents().assertThatEvents()
        .haveExactly(1, event(container("FirstTest"), finishedWithFailure(message(m -> m.startsWith("stock seeded")))))
        .haveExactly(1, event(container("SecondTest"),
            finishedWithFailure(message(m -> m.startsWith("stock seeded")))));
    assertThat(console.reads.get()).isEqualTo(1);
  }

  /** Under parallel execution, each class's failing {@code @BeforeAll} has the console in turn. */
  @Test
  void failingBeforeAllInParallelClasses_oneConsoleAtATime() throws Exception {
    for (String name : List.of("FirstTest", "SecondTest", "ThirdTest")) {
      project.testSource("shop/" + name + ".java", """
          package shop;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import io.github.reloadloop.junit.ReloadLoop;
          import org.junit.jupiter.api.BeforeAll;
          import org.junit.jupiter.api.Test;
          import org.junit.jupiter.api.extension.ExtendWith;

          @ExtendWith(ReloadLoop.class)
          class NAME {
            static boolean seeded;

            @BeforeAll
            static void seed() {
              assertEquals("ready", Inventory.ready(), "stock seeded for NAME");
              seeded = true;
            }

            @Test
            void first() {
              assertEquals(true, seeded);
            }
          }
          """.replace("NAME", name));
    }
    project.compile();
    // The first answer waits until the two other classes are blocked waiting for the console, then fixes.
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          LoopTestKindsTests.awaitThreadsWaitingForTheConsole(2);
          TempProject.edit(inventory, BUG, FIX);
          return "continue";
        })
        .type("continue").type("continue");

    EngineExecutionResults results = project.run(List.of("shop.FirstTest", "shop.SecondTest", "shop.ThirdTest"),
        console,
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "concurrent",
        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism", "3");

    results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    // Each failure is shown, then its prompt is answered and its rerun passes, before the next is shown.
    List<String> lines = console.lines().stream()
        .filter(l -> l.startsWith("FAILED") || l.startsWith("reload>") || l.startsWith("PASSED")).toList();
    assertThat(lines).hasSize(9);
    for (int i = 0; i < 9; i += 3) {
      assertThat(lines.get(i)).startsWith("FAILED: @BeforeAll seed() of ");
      assertThat(lines.get(i + 1)).isEqualTo("reload> ");
      assertThat(lines.get(i + 2)).startsWith("PASSED @BeforeAll seed() of ");
    }
  }
}
