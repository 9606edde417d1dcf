package io.github.reloadloop.junit.console;

import java.io.IOException;
import java.nio.charset.Charset;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.PosixSysTerminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The console on the controlling terminal: a JLine line reader with history and tab completion of the
 * commands, over a {@link PosixSysTerminal} on {@code /dev/tty}. Reload events printed while a line is
 * being read appear above the prompt, and so does the test JVM's own output ({@link PromptKeeper}).
 * Ctrl-C at the prompt is a key: it clears the typed text, or on an empty line closes the console
 * ({@link ConsoleLineReader}). Closing restores the terminal's settings; JLine also registers a shutdown
 * hook that does so if the JVM ends while the console is open.
 */
public final class TerminalConsole implements LoopConsole {

  private final Terminal terminal;
  private final ConsoleLineReader reader;
  private final PromptKeeper keeper;
  private volatile boolean reading;
  private volatile ArgumentCompletion argumentCompletion;
  private boolean closed;

  /**
   * A console on any JLine terminal (a dumb one over pipes in tests).
   *
   * @param keepPromptBelowOutput whether to watch {@code System.out} and {@code System.err} while open
   */
  TerminalConsole(Terminal terminal, boolean keepPromptBelowOutput) {
    this.terminal = terminal;
    this.reader = new ConsoleLineReader(terminal, new CommandCompleter(() -> argumentCompletion));
    this.keeper = keepPromptBelowOutput ? PromptKeeper.start(reader) : null;
  }

  static TerminalConsole open() throws IOException {
    String type = System.getenv().getOrDefault("TERM", "xterm-256color");
    Terminal terminal = new PosixSysTerminal("reload-loop", type, new DevTtyPty(), Charset.defaultCharset(), true,
        Terminal.SignalHandler.SIG_DFL);
    return new TerminalConsole(terminal, true);
  }

  @Override
  public String readLine(String prompt) throws ConsoleClosedException {
    reading = true;
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException e) {
      throw new ConsoleClosedException("Ctrl-C");
    } catch (EndOfFileException e) {
      throw new ConsoleClosedException("Ctrl-D");
    } catch (java.io.IOError e) {
      throw new ConsoleClosedException("the terminal went away (" + e.getMessage() + ")");
    } finally {
      reading = false;
    }
  }

  @Override
  public InterruptWatch watchInterrupts(Runnable onInterrupt) {
    try {
      return InterruptKey.watch(terminal, onInterrupt);
    } catch (java.io.IOError e) {
      return () -> { }; // The terminal went away: nothing can be typed, and the time limit still applies.
    }
  }

  @Override
  public void completeArguments(ArgumentCompletion completion) {
    this.argumentCompletion = completion;
  }

  @Override
  public synchronized void println(Tone tone, String text) {
    if (closed) {
      return;
    }
    for (String line : text.split("\n", -1)) {
      AttributedString styled = new AttributedString(line, style(tone));
      if (reading) {
        reader.printAbove(styled);
      } else {
        terminal.writer().println(styled.toAnsi(terminal));
      }
    }
    terminal.flush();
  }

  private static AttributedStyle style(Tone tone) {
    return switch (tone) {
      case PLAIN -> AttributedStyle.DEFAULT;
      case INFO -> AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
      case SUCCESS -> AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
      case WARNING -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
      case ERROR -> AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    };
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (keeper != null) {
      keeper.close();
    }
    try {
      terminal.close();
    } catch (IOException e) {
      System.err.println("reload-loop: could not restore the terminal settings: " + e.getMessage()
          + " (run 'stty sane' if the terminal misbehaves)");
    }
  }
}
