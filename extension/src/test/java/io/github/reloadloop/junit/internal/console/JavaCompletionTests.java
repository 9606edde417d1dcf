package io.github.reloadloop.junit.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.internal.examine.Examiner;
import io.github.reloadloop.junit.internal.examine.Subject;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tab after {@code p } completes Java with JShell's own completion, against the failing test instance bound as
 * {@code test}: the JLine console of the loop over piped keys (a terminal type other than {@code dumb}, on
 * which JLine does not complete), and a real {@link Examiner}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaCompletionTests {

  /** The failing test instance the console examines. */
  static final class LedgerTest {
    String owner = "Grace";
  }

  @Test
  void tabAfterP_completesAFieldOfTheFailingTest_withJShell() throws Exception {
    Subject subject = new Subject(new AssertionError("balance"), List.of(new LedgerTest()), LedgerTest.class,
        "the failing run");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PipedOutputStream keys = new PipedOutputStream();
    DumbTerminal terminal = new DumbTerminal("test", "ansi", new PipedInputStream(keys), output,
        StandardCharsets.UTF_8);
    terminal.setSize(new Size(80, 24));
    try (TerminalConsole console = new TerminalConsole(terminal, false);
        Examiner examiner = new Examiner(console, List.of(), Path.of("."), Duration.ofSeconds(30))) {
      examiner.examine(subject);
      examiner.eval("test.owner"); // Starts JShell, as the first eval at the console does; Tab does not wait for that.
      console.completeArguments(examiner::complete);

      assertThat(examiner.complete("test.ow", 7)).as("JShell's completion")
          .isEqualTo(new LoopConsole.Completions(5, List.of("owner")));
      keys.write("p test.own\t\n".getBytes(StandardCharsets.UTF_8)); // Typed once the eval is over, at the prompt.
      assertThat(console.readLine("reload> ")).as("the line after Tab").isEqualTo("p test.owner");
    }
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("$1 ==> \"Grace\"");
  }
}
