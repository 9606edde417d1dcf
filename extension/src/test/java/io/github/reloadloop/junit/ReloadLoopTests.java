package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * The loop through the real Jupiter engine (EngineTestKit), a real project compiled with javac, real
 * reloading and a real nested rerun; only the console's input is scripted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReloadLoopTests {

  static final String CALCULATOR = """
      package shop;

      import java.util.List;

      public class Calculator {
        public static int total(List<Integer> prices) {
          return prices.stream().mapToInt(p -> p + 1).sum();
        }

        public static String setUp() {
          return "ready";
        }
      }
      """;

  static final String CALCULATOR_TEST = """
      package shop;

      import static org.junit.jupiter.api.Assertions.assertEquals;
      import static org.junit.jupiter.api.Assertions.assertTrue;

      import io.github.reloadloop.junit.ReloadLoop;
      import java.util.ArrayList;
      import java.util.List;
      import org.junit.jupiter.api.BeforeEach;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      class CalculatorTest {
        static int fixtures;
        List<Integer> prices;
        boolean setUpCompleted;

        @BeforeEach
        void setUp() {
          fixtures++;
          prices = new ArrayList<>(List.of(1, 2, 3));
          assertEquals("ready", Calculator.setUp());
          setUpCompleted = true;
        }

        @Test
        void totalAddsPrices() {
          assertTrue(setUpCompleted, "the body ran on an instance whose @BeforeEach failed");
          assertEquals(6, Calculator.total(prices));
          assertEquals(3, prices.size(), "fixture rebuilt for the rerun");
        }
      }
      """;

  @TempDir Path directory;
  TempProject project;
  Path calculator;

  @BeforeEach
  void createProject() throws Exception {
    project = calculatorProject(directory);
    calculator = project.main.resolve("shop/Calculator.java");
  }

  /** {@link #CALCULATOR} and {@link #CALCULATOR_TEST}, compiled, in {@code directory}. */
  static TempProject calculatorProject(Path directory) throws Exception {
    return new TempProject(directory)
        .mainSource("shop/Calculator.java", CALCULATOR)
        .testSource("shop/CalculatorTest.java", CALCULATOR_TEST)
        .compile();
  }

  @Test
  void failingTest_fixSavedThenContinue_reportedPassed() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(calculator, "p -> p + 1", "p -> p");
          return "continue";
        });

    EngineExecutionResults results = project.run("shop.CalculatorTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"), finishedSuccessfully()));
    assertThat(console.transcript())
        .contains("FAILED: CalculatorTest > totalAddsPrices()")
        .contains("expected: <6> but was: <9>")
        .contains("at shop.CalculatorTest.totalAddsPrices(CalculatorTest.java:30)")
        .contains("> 30 |     assertEquals(6, Calculator.total(prices));")
        .contains("reloaded 1 class in")
        .contains("PASSED CalculatorTest > totalAddsPrices() after 1 rerun");
    assertThat(results.testEvents().reportingEntryPublished().stream()
        .flatMap(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
        .map(r -> r.getKeyValuePairs().get("reload-loop")))
        .contains("passed after 1 rerun");
    assertThat(console.closed).as("console closed at the end of the run").isTrue();
  }

  @Test
  void failingTest_skip_reportedFailedWithTheFailure() throws Exception {
    ScriptedConsole console = new ScriptedConsole().type("skip");

    EngineExecutionResults results = project.run("shop.CalculatorTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"),
        finishedWithFailure(instanceOf(AssertionFailedError.class), message(m -> m.contains("but was: <9>")))));
    assertThat(console.reads.get()).isEqualTo(1);
  }

  @Test
  void rerunStillFailing_newFailureShownThenSkip_latestFailureReported() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(calculator, "p -> p + 1", "p -> p * 2");
          return "c";
        })
        .type("s");

    EngineExecutionResults results = project.run("shop.CalculatorTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"),
        finishedWithFailure(message(m -> m.contains("but was: <12>")))));
    assertThat(console.transcript()).contains("(rerun 1)").contains("but was: <12>");
  }

  @Test
  void continueWhileTheSaveDoesNotCompile_refusesToRerunOldCode() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(calculator, "p -> p + 1", "p -> p +");
          return "continue";
        })
        .then(() -> {
          TempProject.edit(calculator, "p -> p +", "p -> p");
          return "continue";
        });

    EngineExecutionResults results = project.run("shop.CalculatorTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"), finishedSuccessfully()));
    assertThat(console.transcript())
        .contains("not rerunning: the last save does not compile")
        .containsPattern("Calculator\\.java:7:\\d+: ")
        .contains("PASSED CalculatorTest > totalAddsPrices() after 1 rerun");
  }

  @Test
  void wrongExpectationInTheTestItself_fixedInTestSource_reportedPassed() throws Exception {
    Path test = project.test.resolve("shop/CalculatorTest.java");
    TempProject.edit(calculator, "p -> p + 1", "p -> p");
    TempProject.edit(test, "assertEquals(6,", "assertEquals(7,");
    project.compile();
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(test, "assertEquals(7,", "assertEquals(6,");
          return "continue";
        });

    EngineExecutionResults results = project.run("shop.CalculatorTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"), finishedSuccessfully()));
    assertThat(console.transcript()).contains("expected: <7> but was: <6>").contains("shop.CalculatorTest");
  }

  @Test
  void failingBeforeEach_fixThenContinue_testPassedAndBodyNotRunAgainstBrokenFixture() throws Exception {
    TempProject.edit(calculator, "return \"ready\";", "return \"broken\";");
    TempProject.edit(calculator, "p -> p + 1", "p -> p");
    project.compile();
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(calculator, "return \"broken\";", "return \"ready\";");
          return "continue";
        });

    EngineExecutionResults results = project.run("shop.CalculatorTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"), finishedSuccessfully()));
    assertThat(console.transcript()).contains("FAILED in @BeforeEach: CalculatorTest > totalAddsPrices()")
        .contains("PASSED CalculatorTest > totalAddsPrices() after 1 rerun")
        .doesNotContain("the body ran on an instance whose @BeforeEach failed");
    assertThat(console.reads.get()).isEqualTo(1);
  }

  /**
   * The loop's side of a console that closes (the scripted one closes as Ctrl-D does when its script runs
   * out); the real keys in a real terminal are ConsoleEndToEndTests' and TerminalConsoleTests' part.
   */
  @Test
  void consoleClosed_abortsTheLoopAndReportsTheFailure() throws Exception {
    ScriptedConsole console = new ScriptedConsole();

    EngineExecutionResults results = project.run("shop.CalculatorTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"),
        finishedWithFailure(instanceOf(AssertionFailedError.class))));
    assertThat(console.transcript()).contains("Ctrl-D: aborting the loop");
  }

  @Test
  void noTerminal_failureFailsNormallyWithoutPrompt() throws Exception {
    ScriptedConsole console = new ScriptedConsole().withoutTerminal().type("continue");

    EngineExecutionResults results = project.run("shop.CalculatorTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"),
        finishedWithFailure(instanceOf(AssertionFailedError.class))));
    assertThat(console.opened.get()).isZero();
    assertThat(console.reads.get()).isZero();
  }

  @Test
  void loopNotSwitchedOn_failureFailsNormallyWithoutPrompt() throws Exception {
    ScriptedConsole console = new ScriptedConsole().type("continue");

    EngineExecutionResults results = project.run("shop.CalculatorTest", console, "reload.loop", "false");

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"),
        finishedWithFailure(instanceOf(AssertionFailedError.class))));
    assertThat(console.opened.get()).isZero();
  }

  @Test
  void statusAndHelpAndUnknownCommand_answeredAtThePrompt() throws Exception {
    ScriptedConsole console = new ScriptedConsole().type("status").type("help").type("frobnicate").type("skip");

    project.run("shop.CalculatorTest", console);

    assertThat(console.transcript())
        .contains("source roots:   " + project.main)
        .contains("compile errors: none")
        .contains("continue  c   wait for pending reloads, then rerun the failed test")
        .contains("unknown command 'frobnicate'; type help");
  }
}
