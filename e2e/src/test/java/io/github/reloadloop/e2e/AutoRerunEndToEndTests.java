package io.github.reloadloop.e2e;

import static io.github.reloadloop.e2e.Shell.EXIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Auto-rerun as a user meets it: {@code mvn test -Dreload.loop=true} on a copy of the demo, in a real terminal
 * (tmux), with the default {@code reload.auto=true}. Saves alone rerun the failed test; nothing is typed but
 * a half line, which a wrong fix's rerun must give back at the next prompt.
 */
class AutoRerunEndToEndTests extends DemoEndToEndBase {

  private static final Duration UNTIL_PROMPT = Duration.ofSeconds(180);
  private static final Duration UNTIL_RERUN = Duration.ofSeconds(90);
  private static final Duration UNTIL_END = Duration.ofSeconds(120);

  private static final Pattern PROMPT = Pattern.compile("(?m)^reload>");
  private static final String TEST_NAME = "GoldDiscountDemoTests > goldCustomer_ordersBeans_paysTenPercentLess()";
  /** The wrong fix's rerun failed, and the prompt came back with the half-typed line. */
  private static final Pattern RED_THEN_HALF_LINE = Pattern.compile("(?ms)" + Pattern.quote(TEST_NAME + " (rerun 1)")
      + ".*^reload> sta");

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void terminal_savesAlone_rerunTheTest_wrongFixRedThenFixGreen_buildSucceeds() throws Exception {
    terminal = TmuxSession.start(project.directory(), FixtureProject.shellLine(
        DemoProject.maven("-B", "-o", "test", "-Pdemo", "-Dreload.loop=true")));
    terminal.waitFor(PROMPT, UNTIL_PROMPT, "the reload> prompt");
    assertThat(terminal.screen()).contains("the test reruns by itself (auto on)");
    terminal.typeWithoutEnter("sta");

    saveLikeAnEditor(DemoProject.BUG, "case GOLD -> 2;");
    terminal.waitFor(RED_THEN_HALF_LINE, UNTIL_RERUN, "the wrong fix's failed rerun, then the prompt with 'sta'");
    assertThat(terminal.screen()).contains("expected: <90.00> but was: <98.00>");

    saveLikeAnEditor("case GOLD -> 2;", DemoProject.FIX);
    int exit = Integer.parseInt(terminal.waitFor(EXIT, UNTIL_END, "the end of the build").group(1));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("auto: rerunning " + TEST_NAME)
        .contains("PASSED " + TEST_NAME + " after 2 reruns", "BUILD SUCCESS")
        .doesNotContain("unknown command");
    assertThat(exit).as("mvn exit code").isZero();
    SurefireReport report = project.demoReport();
    assertThat(report.failures()).as(report.xml()).isZero();
    assertThat(report.errors()).as(report.xml()).isZero();
  }

  /** Replaces {@code from} by {@code to} in the demo's buggy file, saved as an editor saves. */
  private void saveLikeAnEditor(String from, String to) throws IOException {
    Path file = project.buggyFile();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    DemoProject.saveLikeAnEditor(file, text.replace(from, to));
  }
}
