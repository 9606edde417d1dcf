package io.github.reloadloop.junit.internal.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps the prompt below the test JVM's output. Surefire carries {@code System.out} and {@code System.err}
 * to the Maven process, which prints them on the terminal a few milliseconds later, while the console
 * writes to {@code /dev/tty} directly; left alone, a log line lands on the prompt line and buries it.
 *
 * <p>While the console is open, {@code System.out} and {@code System.err} are wrapped (every call passes
 * through unchanged, so the build and the report still get the output). The first write of a burst hides
 * the prompt at once, before Maven prints the output; once the output has been quiet for {@link #QUIET},
 * the prompt and the typed text are drawn again on a line of their own.
 *
 * <p>Threading: a named daemon thread redraws the prompt; {@link #close()} stops it and puts the original
 * streams back (unless someone replaced them in the meantime).
 *
 * <p>Limitation: output written to a stream captured before the console opened (a {@code java.util.logging}
 * {@code ConsoleHandler}, a Log4j 2 console appender without {@code follow="true"}) is not seen.
 */
final class PromptKeeper implements AutoCloseable {

  /**
   * How long output must be quiet before the prompt is drawn again: longer than the delay with which the
   * output reaches the terminal. Surefire's forked JVM sends output to Maven when its buffer is flushed, every
   * 100 ms (surefire-booter 3.x, {@code AbstractMasterProcessChannelProcessorFactory}); Maven then prints it.
   */
  static final Duration QUIET = Duration.ofMillis(200);

  /** What the keeper hides and shows. */
  interface Prompt {
    void hidePrompt();

    void showPrompt();
  }

  private final Prompt prompt;
  private final long quietNanos;
  private final LongSupplier clock;
  private long lastOutput; // guarded by this
  private boolean pending; // guarded by this
  private boolean closed; // guarded by this
  private Thread thread;
  private ObservedPrintStream out;
  private ObservedPrintStream err;

  /**
   * @param clock nanoseconds, as {@link System#nanoTime()}; output counts as just written at creation,
   *     because the test's last lines may still be on their way to the terminal
   */
  PromptKeeper(Prompt prompt, Duration quiet, LongSupplier clock) {
    this.prompt = prompt;
    this.quietNanos = quiet.toNanos();
    this.clock = clock;
    this.lastOutput = clock.getAsLong();
    this.pending = true;
  }

  /** Wraps {@code System.out} and {@code System.err} and starts the thread that redraws the prompt. */
  static PromptKeeper start(Prompt prompt) {
    PromptKeeper keeper = new PromptKeeper(prompt, QUIET, System::nanoTime);
    keeper.prompt.hidePrompt();
    keeper.out = new ObservedPrintStream(System.out, keeper::outputWritten);
    keeper.err = new ObservedPrintStream(System.err, keeper::outputWritten);
    System.setOut(keeper.out);
    System.setErr(keeper.err);
    keeper.thread = new Thread(keeper::redrawWhenQuiet, "reload-loop-prompt");
    keeper.thread.setDaemon(true);
    keeper.thread.start();
    return keeper;
  }

  /** Called before each write to {@code System.out} or {@code System.err}: hides the prompt. */
  void outputWritten() {
    synchronized (this) {
      lastOutput = clock.getAsLong();
      if (!pending) {
        pending = true;
        notifyAll();
      }
    }
    prompt.hidePrompt();
  }

  /**
   * Shows the prompt if output has been quiet long enough since it was hidden.
   *
   * @return nanoseconds still to wait, or 0 when there is nothing to wait for (shown, or nothing pending)
   */
  long showIfQuiet() {
    synchronized (this) {
      if (!pending) {
        return 0;
      }
      long remaining = lastOutput + quietNanos - clock.getAsLong();
      if (remaining > 0) {
        return remaining;
      }
      pending = false;
    }
    prompt.showPrompt();
    return 0;
  }

  private void redrawWhenQuiet() {
    try {
      while (true) {
        synchronized (this) {
          while (!pending && !closed) {
            wait();
          }
          if (closed) {
            return;
          }
        }
        long remaining = showIfQuiet();
        if (remaining > 0) {
          synchronized (this) {
            if (!closed) {
              TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // Nothing here interrupts it (close() notifies): just end.
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
    }
    if (out != null && System.out == out) {
      System.setOut(out.target());
    }
    if (err != null && System.err == err) {
      System.setErr(err.target());
    }
  }
}
