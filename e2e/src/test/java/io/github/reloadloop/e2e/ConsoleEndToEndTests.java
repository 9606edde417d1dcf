package io.github.reloadloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console's keys and screen in a real terminal (tmux), on real {@code mvn test} runs of the demo: Tab
 * completion, history, Ctrl-C and Ctrl-D at the prompt (the build still ends with its summary, and the
 * terminal's settings are as before), the prompt staying below a test's log output, and a build whose
 * standard input is {@code /dev/null}.
 */
class ConsoleEndToEndTests extends DemoEndToEndBase {

  private static final Duration UNTIL_PROMPT = Duration.ofSeconds(180);
  private static final Duration UNTIL_SHOWN = Duration.ofSeconds(30);
  private static final Duration UNTIL_END = Duration.ofSeconds(120);

  private static final String NOISY_TEST = "io.github.reloadloop.sample.NoisyLogDemoTests";
  private static final Pattern TICK = Pattern.compile("(?m)tick (\\d+)\\s*$");

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void terminal_tabHistoryThenCtrlC_clearsTheLineThenAborts_buildEndsWithItsSummary() throws Exception {
    terminal = TmuxSession.start(project.directory(), recordingTerminalSettings(project.mavenCommand(), ""));
    terminal.waitFor(lastLine("reload>"), UNTIL_PROMPT, "the reload> prompt");

    terminal.typeWithoutEnter("sta");
    terminal.press("Tab");
    terminal.waitFor(lastLine("reload> status"), UNTIL_SHOWN, "Tab completing 'sta' to 'status'");
    terminal.press("Enter");
    terminal.waitFor(Pattern.compile("(?m)^compile errors: none"), UNTIL_SHOWN, "the status");
    terminal.waitFor(lastLine("reload>"), UNTIL_SHOWN, "a new prompt after the status");
    terminal.press("Up");
    terminal.waitFor(lastLine("reload> status"), UNTIL_SHOWN, "Up recalling 'status'");
    terminal.press("C-c");
    terminal.waitFor(lastLine("reload>"), UNTIL_SHOWN, "Ctrl-C clearing the typed line");
    assertThat(terminal.screen()).doesNotContain("aborting the loop");
    terminal.press("C-c");

    int exit = Shell.exitCode(terminal.waitFor(Shell.EXIT, UNTIL_END, "the end of the build"));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("Ctrl-C: aborting the loop; this and later failures fail normally")
        .containsPattern("Tests run: \\d+, Failures: 1, Errors: 0, Skipped: 0")
        .contains("BUILD FAILURE");
    assertThat(exit).as("mvn exit code (130 would mean Maven got the SIGINT)").isEqualTo(1);
    SurefireReport report = project.demoReport();
    assertThat(report.failures()).as(report.xml()).isEqualTo(1);
    assertThat(report.xml()).contains("expected: &lt;90.00&gt; but was: &lt;99.00&gt;");
    assertTheBuildEndedCleanly();
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void terminal_testLogsWhileThePromptWaits_promptStaysBelowTheOutput_thenCtrlDAborts() throws Exception {
    Path fixture = Path.of(System.getProperty("e2e.fixtures", "src/test/fixtures"), "noisy-log/NoisyLogDemoTests.java");
    Files.copy(fixture, project.directory().resolve("src/test/java/io/github/reloadloop/sample/NoisyLogDemoTests.java"));
    List<String> mvn = new ArrayList<>(project.mavenCommand());
    mvn.add("-Dtest=NoisyLogDemoTests");
    terminal = TmuxSession.start(project.directory(), recordingTerminalSettings(mvn, ""));
    terminal.waitFor(lastLine("reload>"), UNTIL_PROMPT, "the reload> prompt");

    terminal.typeWithoutEnter("sta");
    int typedAt = lastTick(terminal.screen());
    String screen = terminal.waitUntil(s -> lastTick(s) >= typedAt + 10 && lastLine("reload> sta").matcher(s).find(),
        UNTIL_SHOWN, "two more bursts of log lines, and then the prompt with 'sta' on the last line");
    assertThat(screen.lines().filter(line -> line.contains("reload>") && line.contains("tick")))
        .as("log lines on the prompt line").isEmpty();
    for (int tick = 1; tick <= lastTick(screen); tick++) {
      assertThat(screen).as("tick %d on a line of its own", tick)
          .containsPattern("(?m)^\\S+  INFO 4242 --- \\[ticker] demo\\.Ticker : tick " + tick + "\\s*$");
    }
    terminal.press("C-u");
    terminal.waitFor(lastLine("reload>"), UNTIL_SHOWN, "Ctrl-U clearing the typed line");
    terminal.press("C-d");

    int exit = Shell.exitCode(terminal.waitFor(Shell.EXIT, UNTIL_END, "the end of the build"));
    screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("Ctrl-D: aborting the loop; this and later failures fail normally")
        .contains("Tests run: 1, Failures: 1, Errors: 0, Skipped: 0")
        .contains("BUILD FAILURE");
    assertThat(exit).as("mvn exit code").isEqualTo(1);
    SurefireReport report = project.report(NOISY_TEST);
    assertThat(report.failures()).as(report.xml()).isEqualTo(1);
    assertThat(report.systemOut()).as("the test's output still reaches the report")
        .contains("demo.Ticker : tick 1\n", "demo.Ticker : tick " + lastTick(screen) + "\n");
    assertTheBuildEndedCleanly();
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void terminal_standardInputFromDevNull_loopOffInOneLine_failureFailsNormally() throws Exception {
    terminal = TmuxSession.start(project.directory(), recordingTerminalSettings(project.mavenCommand(), " </dev/null"));

    String screen = terminal.waitUntil(s -> Shell.EXIT.matcher(s).find() || s.contains("reload>"),
        UNTIL_PROMPT.plus(UNTIL_END), "the end of the build (or, wrongly, a prompt)");
    assertThat(screen).as(TmuxSession.tail(screen, 80)).doesNotContain("reload>");
    int exit = Shell.exitCode(terminal.waitFor(Shell.EXIT, UNTIL_END, "the end of the build"));
    screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .containsOnlyOnce("reload-loop: the loop is off")
        .contains("reload-loop: the loop is off, failures are reported normally: the build's standard input is /dev/null")
        .contains("BUILD FAILURE")
        .doesNotContain("reload>");
    assertThat(exit).as("mvn exit code").isEqualTo(1);
    SurefireReport report = project.demoReport();
    assertThat(report.failures()).as(report.xml()).isEqualTo(1);
    assertTheBuildEndedCleanly();
  }

  /**
   * {@code mvn} (with {@code redirect} appended) between two records of the terminal's settings, then the line
   * with its exit code.
   */
  private String recordingTerminalSettings(List<String> mvn, String redirect) {
    return Shell.withJavaHome("stty -a > " + Shell.quote(sttyFile("before").toString()) + "; "
        + Shell.thenReportExit(Shell.line(mvn) + redirect, "stty -a > " + Shell.quote(sttyFile("after").toString())));
  }

  private Path sttyFile(String when) {
    return temporary.resolve("stty-" + when + ".txt");
  }

  /** No Surefire dump files (a forked JVM that did not end cleanly), and the terminal's settings as before. */
  private void assertTheBuildEndedCleanly() throws IOException {
    assertThat(project.surefireDumps()).as("Surefire dump files").isEmpty();
    assertThat(Files.readString(sttyFile("after"), StandardCharsets.UTF_8)).as("stty -a after the build")
        .isEqualTo(Files.readString(sttyFile("before"), StandardCharsets.UTF_8));
  }

  /** The screen's last line with text on it is {@code text} (trailing blanks aside). */
  private static Pattern lastLine(String text) {
    return Pattern.compile("(?m)^" + Pattern.quote(text) + "\\s*\\z");
  }

  private static int lastTick(String screen) {
    Matcher tick = TICK.matcher(screen);
    int last = 0;
    while (tick.find()) {
      last = Math.max(last, Integer.parseInt(tick.group(1)));
    }
    return last;
  }
}
