package io.github.reloadloop.junit.internal.console;

import io.github.reloadloop.junit.console.LoopConsole;
import java.io.IOException;
import java.nio.charset.Charset;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.MaskingCallback;
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
  /** Guards the wake-up state below: {@link #wake()} runs on the reloader's thread. */
  private final Object wakeLock = new Object();
  private Thread readingThread;
  private boolean wakePending;
  private boolean interruptSent;
  /** What was typed when a wake-up ended the read: offered again by the next one (reading thread only). */
  private String carried;

  /**
   * A console on any JLine terminal (a dumb one over pipes in tests).
   *
   * @param keepPromptBelowOutput whether to watch {@code System.out} and {@code System.err} while open
   */
  TerminalConsole(Terminal terminal, boolean keepPromptBelowOutput) {
    this.terminal = terminal;
    this.reader = new ConsoleLineReader(terminal, new CommandCompleter(() -> argumentCompletion));
    this.keeper = keepPromptBelowOutput ? PromptKeeper.start(reader) : null;
    // Set while a wake-up ends a read, so that the prompt line gives way to what the loop shows next. Set
    // here first, so that switching it from another thread replaces a value and never resizes the map.
    reader.option(LineReader.Option.ERASE_LINE_ON_FINISH, false);
  }

  /**
   * A console on a terminal that is not this process's own (the attach console's, relayed over a socket): the
   * test JVM's output does not reach that screen, so nothing watches it.
   */
  public static TerminalConsole on(Terminal terminal) {
    return new TerminalConsole(terminal, false);
  }

  static TerminalConsole open() throws IOException {
    String type = System.getenv().getOrDefault("TERM", "xterm-256color");
    Terminal terminal = new PosixSysTerminal("reload-loop", type, new DevTtyPty(), Charset.defaultCharset(), true,
        Terminal.SignalHandler.SIG_DFL);
    return new TerminalConsole(terminal, true);
  }

  @Override
  public String readLine(String prompt) throws ConsoleClosedException {
    synchronized (wakeLock) {
      if (wakePending) {
        wakePending = false;
        return null;
      }
      readingThread = Thread.currentThread();
    }
    String initial = carried;
    carried = null;
    reading = true;
    try {
      return reader.readLine(prompt, null, (MaskingCallback) null, initial);
    } catch (UserInterruptException e) {
      // JLine ends a read whose thread is interrupted this way; Ctrl-C does the same.
      if (consumeWake()) {
        carried = e.getPartialLine() == null || e.getPartialLine().isEmpty() ? null : e.getPartialLine();
        return null;
      }
      throw new ConsoleClosedException("Ctrl-C");
    } catch (EndOfFileException e) {
      throw new ConsoleClosedException("Ctrl-D");
    } catch (java.io.IOError e) {
      throw new ConsoleClosedException("the terminal went away (" + e.getMessage() + ")");
    } finally {
      reading = false;
      synchronized (wakeLock) {
        readingThread = null;
        if (interruptSent) {
          // The interrupt was ours, to end the read: it must not reach the caller's next blocking call.
          interruptSent = false;
          Thread.interrupted();
          reader.option(LineReader.Option.ERASE_LINE_ON_FINISH, false);
        }
      }
    }
  }

  /**
   * Ends a read in progress by interrupting its thread (JLine's own way to end a read from outside, as for
   * Ctrl-C), or the next read at once. A line entered at the same moment is still returned; the wake-up
   * then ends the next read.
   */
  @Override
  public void wake() {
    synchronized (wakeLock) {
      wakePending = true;
      if (readingThread != null && !interruptSent) {
        reader.option(LineReader.Option.ERASE_LINE_ON_FINISH, true);
        interruptSent = true;
        readingThread.interrupt();
      }
    }
  }

  private boolean consumeWake() {
    synchronized (wakeLock) {
      boolean woken = wakePending;
      wakePending = false;
      return woken;
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

  /**
   * Takes the prompt and the typed text off the screen and draws nothing of the line until {@link #showPrompt}
   * (typing still goes into it): for a screen that went away, so that the next one gets the whole prompt.
   */
  public void hidePrompt() {
    reader.hidePromptNow();
  }

  /** Draws the prompt and the typed text again, on a line of their own, if a line is being read. */
  public void showPrompt() {
    reader.showPrompt();
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
