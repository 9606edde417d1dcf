package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Auto-rerun ({@code reload.auto}, {@code auto on|off}): a reload that applies wakes the console and the
 * failed test reruns with no line typed. Real project, real reloads, real reruns; the scripted console saves
 * and then waits for the wake-up, as a person at a terminal would wait for the rerun.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AutoRerunTests {

  private static final String BUG = "p -> p + 1";

  @TempDir Path directory;
  TempProject project;
  Path calculator;

  @BeforeEach
  void createProject() throws Exception {
    project = ReloadLoopTests.calculatorProject(directory);
    calculator = project.main.resolve("shop/Calculator.java");
  }

  private EngineExecutionResults run(ScriptedConsole console, boolean auto) throws Exception {
    return project.run("shop.CalculatorTest", console, "reload.auto", Boolean.toString(auto));
  }

  private void assertPassedAfter(EngineExecutionResults results, ScriptedConsole console, int reruns) {
    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"), finishedSuccessfully()));
    assertThat(console.transcript())
        .contains("PASSED CalculatorTest > totalAddsPrices() after " + reruns + " rerun" + (reruns == 1 ? "" : "s"));
  }

  @Test
  void fixSaved_rerunsWithNoLineTyped_reportedPassed() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .thenAwaitWake(() -> TempProject.edit(calculator, BUG, "p -> p"));

    EngineExecutionResults results = run(console, true);

    assertPassedAfter(results, console, 1);
    assertThat(console.transcript())
        .contains("the test reruns by itself (auto on)")
        .contains("reloaded 1 class in")
        .contains("(woken)")
        .contains("auto: rerunning CalculatorTest > totalAddsPrices()")
        .doesNotContain("typed:");
    assertThat(console.reads.get()).as("one read, ended by the wake-up").isEqualTo(1);
  }

  @Test
  void saveThatDoesNotCompile_showsErrorsAndDoesNotRerun_theFixThenDoes() throws Exception {
    ScriptedConsole console = new ScriptedConsole();
    console.thenAwaitWake(() -> {
      TempProject.edit(calculator, BUG, "p -> p +");
      assertThat(console.awaitShown("compile error")).as("the compile error is shown").isTrue();
      TempProject.edit(calculator, "p -> p +", "p -> p");
    });

    EngineExecutionResults results = run(console, true);

    assertPassedAfter(results, console, 1);
    String transcript = console.transcript();
    assertThat(transcript).contains("Calculator.java:7:").doesNotContain("(rerun 1)");
    assertThat(transcript.indexOf("compile error")).isLessThan(transcript.indexOf("auto: rerunning"));
    assertThat(transcript.indexOf("auto: rerunning")).isEqualTo(transcript.lastIndexOf("auto: rerunning"));
  }

  @Test
  void wrongFixThenRightFix_eachSaveReruns_latestResultShown() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .thenAwaitWake(() -> TempProject.edit(calculator, BUG, "p -> p * 2"))
        .thenAwaitWake(() -> TempProject.edit(calculator, "p -> p * 2", "p -> p"));

    EngineExecutionResults results = run(console, true);

    assertPassedAfter(results, console, 2);
    assertThat(console.transcript())
        .contains("FAILED: CalculatorTest > totalAddsPrices() (rerun 1)")
        .contains("but was: <12>");
  }

  @Test
  void schemaChange_rerunsInAFreshClassLoader() throws Exception {
    ScriptedConsole console = new ScriptedConsole().thenAwaitWake(() -> TempProject.save(calculator,
        Files.readString(calculator).replace("prices.stream().mapToInt(" + BUG + ").sum()", "sum(prices)")
            .replace("  public static String setUp() {", """
                  static int sum(List<Integer> prices) {
                    return prices.stream().mapToInt(p -> p).sum();
                  }

                  public static String setUp() {""")));

    EngineExecutionResults results = run(console, true);

    assertPassedAfter(results, console, 1);
    assertThat(console.transcript()).contains("changed shape: shop.Calculator").contains("fresh class loader");
  }

  @Test
  void autoOff_aReloadWaitsForContinue() throws Exception {
    ScriptedConsole console = new ScriptedConsole();
    console.then(() -> {
      TempProject.edit(calculator, BUG, "p -> p");
      assertThat(console.awaitShown("reloaded 1 class")).isTrue();
      return "status";
    }).type("continue");

    EngineExecutionResults results = run(console, false);

    assertPassedAfter(results, console, 1);
    assertThat(console.wakes.get()).as("no wake-up while auto-rerun is off").isZero();
    assertThat(console.transcript())
        .contains("Fix the code and save; then type continue (c)")
        .contains("auto-rerun:     off")
        .containsPattern("last reloads: +\\d+ ms from save to redefined")
        .doesNotContain("auto: rerunning");
  }

  @Test
  void autoOffTyped_thenAutoOnTyped_rerunsAtOnceForTheReloadInBetween() throws Exception {
    ScriptedConsole console = new ScriptedConsole().type("auto off");
    console.then(() -> {
      TempProject.edit(calculator, BUG, "p -> p");
      assertThat(console.awaitShown("reloaded 1 class")).isTrue();
      return "auto on";
    });

    EngineExecutionResults results = run(console, true);

    assertPassedAfter(results, console, 1);
    assertThat(console.transcript())
        .contains("auto-rerun is off: type continue to rerun the failed test")
        .contains("auto-rerun is on: each reload that applies reruns the failed test")
        .contains("auto: rerunning");
    assertThat(console.wakes.get()).as("no wake-up while auto-rerun was off").isZero();
  }

  @Test
  void autoOn_skipStillLetsTheFailureStand() throws Exception {
    ScriptedConsole console = new ScriptedConsole().type("auto maybe").type("skip");

    EngineExecutionResults results = run(console, true);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("totalAddsPrices"),
        finishedWithFailure(message(m -> m.contains("but was: <9>")))));
    assertThat(console.transcript()).contains("auto maybe: use auto on or auto off");
  }
}
