package io.github.reloadloop.junit.internal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reloadloop.junit.console.LoopConsole.ConsoleClosedException;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JLine console over a dumb terminal with piped input at a fixed size. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TerminalConsoleTests {

  private static final char CTRL_C = 3;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private DumbTerminal terminal;

  /**
   * A console over piped input, on a dumb terminal that, like a tty, turns Ctrl-C into SIGINT while ISIG is
   * on (it applies its settings as each key is read).
   */
  private TerminalConsole console(String input) throws Exception {
    terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        output, StandardCharsets.UTF_8);
    terminal.setSize(new Size(80, 24));
    Attributes tty = terminal.getAttributes();
    tty.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    tty.setControlChar(Attributes.ControlChar.VINTR, CTRL_C);
    terminal.setAttributes(tty);
    return new TerminalConsole(terminal, false);
  }

  @Test
  void typedLines_readOneAtATime() throws Exception {
    try (TerminalConsole console = console("continue\nstatus\n")) {
      assertThat(console.readLine("reload> ")).isEqualTo("continue");
      assertThat(console.readLine("reload> ")).isEqualTo("status");
    }
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("reload> ");
  }

  @Test
  void endOfInput_isCtrlD() throws Exception {
    try (TerminalConsole console = console("")) {
      assertThatThrownBy(() -> console.readLine("reload> "))
          .isInstanceOf(ConsoleClosedException.class).hasMessage("Ctrl-D");
    }
  }

  @Test
  void ctrlCWithTextTyped_clearsTheLine_andTheNextLineIsRead() throws Exception {
    try (TerminalConsole console = console("stat" + CTRL_C + "continue\n")) {
      assertThat(console.readLine("reload> ")).isEqualTo("continue");
    }
  }

  @Test
  void wake_endsTheReadInProgressWithNull_keepsWhatWasTyped_leavesNoInterrupt() throws Exception {
    PipedOutputStream keys = new PipedOutputStream();
    Terminal terminal = TerminalBuilder.builder()
        .streams(new PipedInputStream(keys), output)
        .type("xterm-256color") // Not dumb: the reader shows its buffer, so the output tells what it has read.
        .size(new Size(80, 24))
        .encoding(StandardCharsets.UTF_8)
        .build();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (TerminalConsole console = new TerminalConsole(terminal, false)) {
      Future<List<String>> reads = thread.submit(() -> {
        String first = console.readLine("reload> ");
        boolean interrupted = Thread.currentThread().isInterrupted();
        return Arrays.asList(first, Boolean.toString(interrupted), console.readLine("reload> "));
      });
      keys.write("sta".getBytes(StandardCharsets.UTF_8));
      keys.flush();
      awaitOutput("reload> sta");

      console.wake();
      awaitOutput("reload> sta", 2); // The next read offers what was typed again.
      keys.write("tus\n".getBytes(StandardCharsets.UTF_8));
      keys.flush();

      assertThat(reads.get(20, TimeUnit.SECONDS)).containsExactly(null, "false", "status");
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void wake_beforeARead_endsTheNextReadAtOnce() throws Exception {
    try (TerminalConsole console = console("continue\n")) {
      console.wake();
      assertThat(console.readLine("reload> ")).isNull();
      assertThat(console.readLine("reload> ")).isEqualTo("continue");
    }
  }

  @Test
  void ctrlCOnAnEmptyLine_closesTheConsole_andSignalsAreOnAgainAfterTheRead() throws Exception {
    try (TerminalConsole console = console("stat" + CTRL_C + CTRL_C)) {
      assertThatThrownBy(() -> console.readLine("reload> "))
          .isInstanceOf(ConsoleClosedException.class).hasMessage("Ctrl-C");
      assertThat(terminal.getAttributes().getLocalFlag(Attributes.LocalFlag.ISIG)).isTrue();
    }
  }

  /** Waits, bounded by the class timeout, until the output holds {@code text} {@code times} times. */
  private void awaitOutput(String text, int times) throws InterruptedException {
    while (output.toString(StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(text), -1).length <= times) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private void awaitOutput(String text) throws InterruptedException {
    awaitOutput(text, 1);
  }

  @Test
  void println_showsTheText_andCloseIsIdempotent() throws Exception {
    TerminalConsole console = console("");
    console.println(Tone.SUCCESS, "reloaded 1 class in 40 ms: shop.Calculator");
    console.close();
    console.close();
    console.println(Tone.PLAIN, "after close: not shown");
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("reloaded 1 class in 40 ms: shop.Calculator")
        .doesNotContain("after close");
  }
}
