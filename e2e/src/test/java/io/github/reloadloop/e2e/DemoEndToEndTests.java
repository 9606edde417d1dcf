package io.github.reloadloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo as a user runs it: real Maven on a copy of sample-project, in a real terminal (tmux) where the
 * loop stops at the failing test, and without a terminal, where it must not stop.
 */
class DemoEndToEndTests extends DemoEndToEndBase {

  private static final Duration UNTIL_PROMPT = Duration.ofSeconds(180);
  private static final Duration UNTIL_RELOADED = Duration.ofSeconds(60);
  private static final Duration UNTIL_END = Duration.ofSeconds(120);

  private static final Pattern PROMPT = Pattern.compile("(?m)^reload>");
  private static final Pattern RELOADED = Pattern.compile("(?m)^reloaded \\d+ class.*PriceCalculator");
  private static final String DEMO_TEST_NAME = "GoldDiscountDemoTests > goldCustomer_ordersBeans_paysTenPercentLess()";

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void terminal_fixSaveContinue_buildSucceedsAndReportsThePass() throws Exception {
    terminal = TmuxSession.start(project.directory(), shellCommand());
    terminal.waitFor(PROMPT, UNTIL_PROMPT, "the reload> prompt");
    assertThat(terminal.screen()).contains("FAILED: " + DEMO_TEST_NAME, "expected: <90.00> but was: <99.00>");

    project.fixBugLikeAnEditor();
    terminal.waitFor(RELOADED, UNTIL_RELOADED, "the reload of the fixed PriceCalculator");
    terminal.type("continue");

    int exit = Shell.exitCode(terminal.waitFor(Shell.EXIT, UNTIL_END, "the end of the build"));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("PASSED " + DEMO_TEST_NAME + " after 1 rerun", "BUILD SUCCESS");
    assertThat(exit).as("mvn exit code").isZero();
    SurefireReport report = project.demoReport();
    assertThat(report.failures()).as(report.xml()).isZero();
    assertThat(report.errors()).as(report.xml()).isZero();
    assertThat(report.skipped()).as(report.xml()).isZero();
    assertThat(report.tests()).as(report.xml()).isEqualTo(1);
    assertThat(report.systemOut()).as(report.xml())
        .contains("reload-loop: " + DEMO_TEST_NAME + " passed after 1 rerun");
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void terminal_fixAddsPrivateHelperAndLambda_autoRerunGreenInPlace_noFreshLoader() throws Exception {
    terminal = TmuxSession.start(project.directory(), FixtureProject.shellLine(
        DemoProject.maven("-B", "-o", "test", "-Pdemo", "-Dreload.loop=true")));
    terminal.waitFor(PROMPT, UNTIL_PROMPT, "the reload> prompt");

    project.fixBugWithNewHelperMethodLikeAnEditor();
    int exit = Shell.exitCode(terminal.waitFor(Shell.EXIT, UNTIL_END, "the end of the build"));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .containsPattern("reloaded 1 class in place \\(1 method added, 1 lambda added\\) in \\d+ ms: "
            + "io.github.reloadloop.sample.PriceCalculator")
        .contains("auto: rerunning " + DEMO_TEST_NAME)
        .contains("PASSED " + DEMO_TEST_NAME + " after 1 rerun", "BUILD SUCCESS")
        .doesNotContain("changed shape", "fresh class loader");
    assertThat(exit).as("mvn exit code").isZero();
    SurefireReport report = project.demoReport();
    assertThat(report.failures()).as(report.xml()).isZero();
    assertThat(report.errors()).as(report.xml()).isZero();
    assertThat(report.skipped()).as(report.xml()).isZero();
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void terminal_skip_buildFailsWithTheTestFailed() throws Exception {
    terminal = TmuxSession.start(project.directory(), shellCommand());
    terminal.waitFor(PROMPT, UNTIL_PROMPT, "the reload> prompt");
    terminal.type("skip");

    int exit = Shell.exitCode(terminal.waitFor(Shell.EXIT, UNTIL_END, "the end of the build"));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80)).contains("skipped: " + DEMO_TEST_NAME, "BUILD FAILURE");
    assertThat(exit).as("mvn exit code").isNotZero();
    SurefireReport report = project.demoReport();
    assertThat(report.failures()).as(report.xml()).isEqualTo(1);
    assertThat(report.xml()).contains("expected: &lt;90.00&gt; but was: &lt;99.00&gt;");
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void noTerminal_failingTest_buildFailsAtOnceWithTheLoopOff() throws Exception {
    Path log = logDirectory().resolve(testName + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of("setsid", "--wait"));
    command.addAll(project.mavenCommand());
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.directory().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", DemoProject.javaHome());
    Process mvn = builder.start();

    boolean ended = mvn.waitFor(UNTIL_PROMPT.plus(UNTIL_END).toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      mvn.descendants().forEach(ProcessHandle::destroyForcibly);
      mvn.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("mvn ended without a terminal; its output:\n" + TmuxSession.tail(output, 80)).isTrue();
    assertThat(output).as(TmuxSession.tail(output, 80))
        .contains("reload-loop: the loop is off, failures are reported normally", "BUILD FAILURE")
        .doesNotContain("reload> ");
    assertThat(mvn.exitValue()).as("mvn exit code").isNotZero();
    SurefireReport report = project.demoReport();
    assertThat(report.failures()).as(report.xml()).isEqualTo(1);
  }

  /** The Maven command for the terminal, then a line with its exit code (the pane stays readable after it). */
  private String shellCommand() {
    return Shell.withJavaHome(Shell.thenReportExit(Shell.line(project.mavenCommand()), ""));
  }
}
