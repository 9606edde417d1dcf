package io.github.reloadloop.e2e;

import static io.github.reloadloop.e2e.Shell.EXIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Examining the demo's failure as a user does, in a real terminal (tmux) under real Maven and Surefire's
 * forked JVM: {@code fields}, {@code p} over the fixture, {@code where}, Ctrl-C on a runaway {@code p},
 * then a saved fix that {@code p} shows before {@code continue} turns the test green.
 */
class ExamineEndToEndTests extends DemoEndToEndBase {

  private static final Duration UNTIL_PROMPT = Duration.ofSeconds(180);
  private static final Duration UNTIL_ANSWER = Duration.ofSeconds(60);
  private static final Duration UNTIL_END = Duration.ofSeconds(120);

  private static final Pattern PROMPT = Pattern.compile("(?m)^reload>");

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void terminal_fieldsEvalWhereCtrlC_thenFixShownByEval_andContinuePasses() throws Exception {
    terminal = TmuxSession.start(project.directory(), FixtureProject.shellLine(project.mavenCommand()));
    terminal.waitFor(PROMPT, UNTIL_PROMPT, "the reload> prompt");

    terminal.type("fields");
    terminal.waitFor(Pattern.compile("(?m)^  order +Order +Order\\[customer=Customer\\[name=Grace, tier=GOLD]"),
        UNTIL_ANSWER, "the fixture's fields");

    terminal.type("p test.calculator.invoice(test.order).total()");
    terminal.waitFor(Pattern.compile("(?m)^\\$1 ==> 99\\.00$"), UNTIL_ANSWER, "the total that failed the assertion");

    terminal.type("where");
    terminal.waitFor(Pattern.compile("(?m)^  > io\\.github\\.reloadloop\\.sample\\.GoldDiscountDemoTests"
        + "\\.goldCustomer_ordersBeans_paysTenPercentLess  src/test/java/io/github/reloadloop/sample/"
        + "GoldDiscountDemoTests\\.java:\\d+"), UNTIL_ANSWER, "the user's frame in the stack trace");

    terminal.type("p while (true) {}");
    terminal.waitFor(Pattern.compile("(?ms)^reload> p while \\(true\\) \\{}\\s*$.*^still evaluating; Ctrl-C stops it"),
        UNTIL_ANSWER, "the runaway eval running");
    terminal.press("C-c");
    terminal.waitFor(Pattern.compile("(?m)^stopped by Ctrl-C$"), UNTIL_ANSWER, "Ctrl-C stopping the eval");

    terminal.type("p 6 * 7");
    terminal.waitFor(Pattern.compile("(?m)^\\$\\d+ ==> 42$"), UNTIL_ANSWER, "the console still evaluating");

    project.fixBugLikeAnEditor();
    terminal.waitFor(Pattern.compile("(?m)^reloaded \\d+ class.*PriceCalculator"), UNTIL_ANSWER, "the reload");
    terminal.type("p test.calculator.invoice(test.order).total()");
    terminal.waitFor(Pattern.compile("(?m)^\\$\\d+ ==> 90\\.00$"), UNTIL_ANSWER, "the fixed total before continue");

    terminal.type("continue");
    int exit = Integer.parseInt(terminal.waitFor(EXIT, UNTIL_END, "the end of the build").group(1));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("PASSED GoldDiscountDemoTests > goldCustomer_ordersBeans_paysTenPercentLess() after 1 rerun")
        .contains("BUILD SUCCESS");
    assertThat(exit).as("mvn exit code").isZero();
    SurefireReport report = project.demoReport();
    assertThat(report.failures() + report.errors()).as(report.xml()).isZero();
  }
}
