package io.github.reloadloop.junit.internal.console.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reloadloop.junit.console.LoopConsole.ConsoleClosedException;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The IDE's line console over piped standard input, as an IDE's run console sends lines. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LineConsoleTests {

  private final PipedOutputStream typing = new PipedOutputStream();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private LineConsole console;

  private LineConsole console() throws Exception {
    console = new LineConsole(new StdinLines(new PipedInputStream(typing), StandardCharsets.UTF_8),
        new PrintStream(output, true, StandardCharsets.UTF_8));
    return console;
  }

  @AfterEach
  void close() throws Exception {
    typing.close();
    loop.shutdownNow();
  }

  private void type(String text) throws Exception {
    typing.write(text.getBytes(StandardCharsets.UTF_8));
    typing.flush();
  }

  private String shown() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Test
  void linesAreReadOneAtATime_afterThePrompt() throws Exception {
    LineConsole console = console();
    type("continue\nstatus\n");
    assertThat(console.readLine("reload> ")).isEqualTo("continue");
    assertThat(console.readLine("reload> ")).isEqualTo("status");
    assertThat(shown()).isEqualTo("reload> reload> ");
  }

  @Test
  void eventWhileThePromptWaits_onALineOfItsOwn_thenThePromptAgain() throws Exception {
    LineConsole console = console();
    Future<String> line = loop.submit(() -> console.readLine("reload> "));
    while (!shown().equals("reload> ")) { // Bounded by the class timeout.
      TimeUnit.MILLISECONDS.sleep(5);
    }
    console.println(Tone.SUCCESS, "reloaded 1 class in 40 ms: shop.Calculator");
    type("skip\n");
    assertThat(line.get(20, TimeUnit.SECONDS)).isEqualTo("skip");
    assertThat(shown()).isEqualTo("reload> " + System.lineSeparator() + "reloaded 1 class in 40 ms: shop.Calculator"
        + System.lineSeparator() + "reload> ");
  }

  @Test
  void wake_endsTheRead_theLineTypedLaterIsReadNext() throws Exception {
    LineConsole console = console();
    console.wake();
    assertThat(console.readLine("reload> ")).isNull();
    type("continue\n");
    assertThat(console.readLine("reload> ")).isEqualTo("continue");
  }

  @Test
  void endOfStandardInput_closesTheConsole() throws Exception {
    LineConsole console = console();
    type("status\n");
    typing.close();
    assertThat(console.readLine("reload> ")).isEqualTo("status");
    assertThatThrownBy(() -> console.readLine("reload> "))
        .isInstanceOf(ConsoleClosedException.class).hasMessage("end of standard input");
  }
}
