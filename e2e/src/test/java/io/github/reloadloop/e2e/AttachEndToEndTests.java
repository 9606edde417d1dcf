package io.github.reloadloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attach console as a user meets it: {@code setsid mvn test -Dreload.loop=true -Dreload.console=attach
 * </dev/null} (a build without a terminal: an IDE's Maven run, a script), and {@code reload-loop attach} in a
 * real terminal (tmux), installed as the README says. One run goes through the whole story: the failure
 * shown, a half-typed line, Ctrl-\ to detach, attach again (the failure and the line are there again), a
 * second client refused, the fix saved, the auto-rerun green, the build ending 0, the terminal's settings as
 * before, no socket left.
 */
class AttachEndToEndTests extends DemoEndToEndBase {

  private static final Duration UNTIL_FAILURE = Duration.ofSeconds(180);
  private static final Duration UNTIL_SHOWN = Duration.ofSeconds(30);
  private static final Duration UNTIL_END = Duration.ofSeconds(120);

  private static final String WAITING = "reload-loop: test failed, console waiting: run  reload-loop attach  (or: java -jar ";
  private static final String TEST_NAME = "GoldDiscountDemoTests > goldCustomer_ordersBeans_paysTenPercentLess()";
  private static final Pattern FAILURE_LINE = Pattern.compile("(?m)^FAILED: " + Pattern.quote(TEST_NAME) + "$");
  private static final Pattern ATTACH_EXIT = Pattern.compile("(?m)^e2e: attach exited with (\\d+)$");

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void mavenWithoutATerminal_attachFromOne_detachAttachAgain_secondRefused_fixSavedGreen_terminalRestored()
      throws Exception {
    List<String> mvn = DemoProject.maven("-B", "-o", "test", "-Pdemo", "-Dreload.loop=true",
        "-Dreload.console=attach");
    try (Background build = Background.start(mvn, project.directory(), logDirectory().resolve(testName + "-mvn.log"),
        Map.of(), true)) {
      build.awaitOutput(WAITING, UNTIL_FAILURE);

      Path bin = Background.installScript(temporary);
      terminal = TmuxSession.start(project.directory(), Shell.withJavaHome(Background.scriptEnvironment(bin)
          + "stty -a > " + stty("before") + "; "
          + "reload-loop attach; echo \"e2e: attach exited with $?\"; stty -a > " + stty("detached") + "; "
          + "reload-loop attach; echo \"e2e: attach exited with $?\"; stty -a > " + stty("after")
          + "; echo \"e2e: stty written\""));
      terminal.waitFor(Pattern.compile("(?m)^reload> \\s*$"), UNTIL_SHOWN, "the prompt over the socket");
      assertThat(terminal.screen()).contains("FAILED: " + TEST_NAME, "expected: <90.00> but was: <99.00>",
          "reload-loop: attached to pid ");

      terminal.typeWithoutEnter("sta");
      terminal.waitFor(Pattern.compile("(?m)^reload> sta\\s*$"), UNTIL_SHOWN, "the half-typed line");
      terminal.press("C-\\");
      terminal.waitFor(Pattern.compile("reload-loop: detached; the run still waits"), UNTIL_SHOWN, "the detach");
      terminal.waitUntil(s -> FAILURE_LINE.matcher(s).results().count() == 2 && s.stripTrailing().endsWith("reload> sta"),
          UNTIL_SHOWN, "attached again: the failure shown again and the half-typed line on the prompt");

      String refused = secondClient();
      assertThat(refused).contains("reload-loop: the run refused: another terminal is attached to this run since ");

      terminal.press("C-u");
      project.fixBugLikeAnEditor();
      terminal.waitFor(Pattern.compile("PASSED " + Pattern.quote(TEST_NAME) + " after 1 rerun"), UNTIL_SHOWN,
          "the auto-rerun's pass over the socket");
      int exit = build.awaitExit(UNTIL_END);
      // The last stty writes its file after the second "exited" line: its own line says it is written.
      String screen = terminal.waitUntil(s -> count(s, "e2e: attach exited with") == 2
          && s.contains("e2e: stty written"), UNTIL_SHOWN, "the attach command ending with the run");

      assertThat(exit).as("mvn exit code; its output:\n" + TmuxSession.tail(build.output(), 40)).isZero();
      assertThat(build.output()).contains("BUILD SUCCESS").containsOnlyOnce(WAITING);
      assertThat(screen).contains("reload-loop: the test run ended", "auto: rerunning " + TEST_NAME);
      assertThat(ATTACH_EXIT.matcher(screen).results().map(m -> m.group(1)).toList()).containsExactly("0", "0");
      assertThat(read(stty("detached"))).as("stty -a after detaching").isEqualTo(read(stty("before")));
      assertThat(read(stty("after"))).as("stty -a after the run ended").isEqualTo(read(stty("before")));
      assertThat(Background.socketDirectories(project.directory())).as("socket directories left").isEmpty();
      SurefireReport report = project.demoReport();
      assertThat(report.failures()).as(report.xml()).isZero();
    }
  }

  /** {@code reload-loop attach} from a second place while the terminal is attached (no terminal needed). */
  private String secondClient() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(DemoProject.javaHome(), "bin", "java").toString(), "-jar",
        Background.reloadLoopJar().toString(), "attach", project.directory().toString()));
    Process second = new ProcessBuilder(command).redirectErrorStream(true).start();
    second.getOutputStream().close();
    String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(output).isEqualTo(1);
    return output;
  }


  private String stty(String when) {
    return Shell.quote(temporary.resolve("stty-" + when + ".txt").toString());
  }

  private String read(String quotedFile) throws IOException {
    return Files.readString(Path.of(quotedFile.substring(1, quotedFile.length() - 1)), StandardCharsets.UTF_8);
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
