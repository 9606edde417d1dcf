package io.github.reloadloop.junit.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reloadloop.junit.console.LoopConsole.ConsoleClosedException;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JLine console over a dumb terminal with piped input at a fixed size. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TerminalConsoleTests {

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private TerminalConsole console(String input) throws Exception {
    Terminal terminal = TerminalBuilder.builder()
        .streams(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output)
        .type(Terminal.TYPE_DUMB)
        .size(new Size(80, 24))
        .encoding(StandardCharsets.UTF_8)
        .build();
    return new TerminalConsole(terminal);
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
