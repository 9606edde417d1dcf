package io.github.reloadloop.junit.internal.console.attach;

import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.internal.attach.Frames;
import io.github.reloadloop.junit.internal.console.TerminalConsole;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.LineDisciplineTerminal;

/**
 * The console of a run without a terminal, for a terminal that attaches over a Unix domain socket
 * ({@code reload-loop attach}). It is the same console as on {@code /dev/tty}: a {@link TerminalConsole} (JLine
 * line editing, history, completion, events above the prompt, Ctrl-C as a key), here on a JLine terminal with
 * a line discipline of its own whose keys come from the attached client and whose screen is the client's
 * ({@link ScreenSink}). One client at a time; a terminal that attaches (again) is shown the latest failure
 * and the prompt with what was typed. Ctrl-C in the client is a byte for this terminal, never a signal to the
 * build.
 *
 * <p>While no terminal is attached and a line is awaited, a line on the test output says how to attach, once
 * per failure, and after {@code timeout} the read ends as a closed console: the loop lets the failure fail
 * normally, and the run goes on.
 *
 * <p>Threading: {@link #readLine} on the loop's thread; {@link #println} and {@link #wake} from any thread;
 * attach and detach on the socket's threads. This object's monitor guards the attached client and the
 * transcript, and is taken before the terminal console's own.
 */
public final class AttachConsole implements LoopConsole, AttachServer.Console {

  private static final String TERMINAL_TYPE = "xterm-256color";

  private final LineDisciplineTerminal terminal;
  private final TerminalConsole console;
  private final ScreenSink screen;
  private final KeyFeed keys;
  private final Transcript transcript = new Transcript();
  private final Duration timeout;
  private final String howToAttach;
  private final String where;
  private final PrintStream testOutput;
  private final ScheduledExecutorService timer;
  private AttachServer server;
  private ClientLink attached;
  private LocalTime attachedAt;
  private boolean reading;
  private boolean timedOut;
  private ScheduledFuture<?> deadline;
  private int announced = -1;
  private boolean closed;

  private AttachConsole(LineDisciplineTerminal terminal, ScreenSink screen, Duration timeout, String howToAttach,
      String where, PrintStream testOutput) {
    this.terminal = terminal;
    this.screen = screen;
    this.console = TerminalConsole.on(terminal);
    this.keys = new KeyFeed(terminal);
    this.timeout = timeout;
    this.howToAttach = howToAttach;
    this.where = where;
    this.testOutput = testOutput;
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "reload-loop-attach-timeout");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
    console.hidePrompt(); // No screen until a terminal attaches.
  }

  /**
   * Opens the console and its socket in {@code directory}.
   *
   * @param howToAttach the commands the line on the test output names
   * @param where which run this is, for {@code attach}'s list ({@code pid 4242 in /home/ada/shop})
   * @param testOutput where the lines for the test output go (standard error: the build shows it)
   */
  static AttachConsole open(Path directory, Duration timeout, String howToAttach, String where,
      PrintStream testOutput) throws IOException {
    ScreenSink screen = new ScreenSink();
    LineDisciplineTerminal terminal = new LineDisciplineTerminal("reload-loop-attach", TERMINAL_TYPE, screen,
        StandardCharsets.UTF_8);
    AttachConsole attach = new AttachConsole(terminal, screen, timeout, howToAttach, where, testOutput);
    try {
      attach.server = AttachServer.start(directory, attach);
    } catch (IOException e) {
      attach.close();
      throw e;
    }
    return attach;
  }

  @Override
  public String readLine(String prompt) throws ConsoleClosedException {
    synchronized (this) {
      if (timedOut) {
        throw new ConsoleClosedException(timeoutReason());
      }
      reading = true;
      if (attached == null) {
        announce();
        startTimeout();
      }
    }
    try {
      String line = console.readLine(prompt);
      synchronized (this) {
        if (line == null && timedOut) {
          throw new ConsoleClosedException(timeoutReason());
        }
      }
      return line;
    } finally {
      synchronized (this) {
        reading = false;
        stopTimeout();
      }
    }
  }

  /** The line on the test output, once per failure, while no terminal is attached. */
  private void announce() {
    if (announced == transcript.failures()) {
      return;
    }
    announced = transcript.failures();
    testOutput.println("reload-loop: test failed, console waiting: run  " + howToAttach + "  in a terminal;"
        + " the failure stands if none attaches within " + format(timeout) + " (reload.attach.timeout)");
  }

  private void startTimeout() {
    stopTimeout();
    deadline = timer.schedule(this::timeUp, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void stopTimeout() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  private synchronized void timeUp() {
    if (attached != null || !reading || closed || timedOut) {
      return;
    }
    timedOut = true;
    String failure = transcript.latestFailure();
    testOutput.println("reload-loop: no terminal attached within " + format(timeout) + " (reload.attach.timeout): "
        + (failure == null ? "the failure" : failure) + " fails normally, and so do later failures");
    console.wake();
  }

  private String timeoutReason() {
    return "no terminal attached within " + format(timeout);
  }

  @Override
  public void wake() {
    console.wake();
  }

  @Override
  public synchronized void println(Tone tone, String text) {
    transcript.add(tone, text);
    console.println(tone, text);
  }

  @Override
  public InterruptWatch watchInterrupts(Runnable onInterrupt) {
    return console.watchInterrupts(onInterrupt);
  }

  @Override
  public void completeArguments(ArgumentCompletion completion) {
    console.completeArguments(completion);
  }

  @Override
  public synchronized String describe() {
    String failure = transcript.latestFailure();
    return where + ": " + (reading && failure != null ? "waiting at " + failure : "tests running")
        + (attached != null ? " (a terminal is attached since " + attachedAt + ")" : "");
  }

  @Override
  public synchronized String attach(ClientLink link, int columns, int rows) {
    if (closed) {
      return "the test run is ending";
    }
    if (attached != null) {
      return "another terminal is attached to this run since " + attachedAt
          + "; detach it there with Ctrl-\\, then attach again";
    }
    link.send(Frames.WELCOME, Frames.text(describe()));
    attached = link;
    attachedAt = LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
    stopTimeout();
    resize(columns, rows);
    // What the reader wrote while no terminal was attached may still sit in the terminal's writer: it was
    // drawn for no screen, so it goes nowhere, before the new screen is connected.
    terminal.writer().flush();
    screen.connect(link);
    transcript.replay().forEach(entry -> console.println(entry.tone(), entry.text()));
    console.showPrompt();
    return null;
  }

  @Override
  public ClientLink.Input input() {
    return new ClientLink.Input() {
      @Override
      public void keys(byte[] typed) {
        keys.offer(typed);
      }

      @Override
      public void resize(int columns, int rows) {
        AttachConsole.this.resize(columns, rows);
      }
    };
  }

  private void resize(int columns, int rows) {
    if (columns <= 0 || rows <= 0 || closed) {
      return; // Not a size: the client could not read its own.
    }
    terminal.setSize(new Size(columns, rows));
    terminal.raise(Terminal.Signal.WINCH);
  }

  @Override
  public synchronized void detached(ClientLink link) {
    if (attached != link) {
      return;
    }
    attached = null;
    screen.disconnect();
    console.hidePrompt();
    if (reading && !closed) {
      startTimeout();
    }
  }

  /** Says goodbye to the attached terminal, removes the socket and restores nothing else. Idempotent. */
  @Override
  public void close() {
    ClientLink link;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      stopTimeout();
      link = attached;
    }
    if (link != null) {
      link.last(Frames.BYE, "the test run ended");
    }
    if (server != null) {
      server.close();
    }
    timer.shutdownNow();
    keys.close();
    console.close();
  }

  /** {@code 5 min}, {@code 30 s}, {@code 500 ms}. */
  static String format(Duration duration) {
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + " ms";
    }
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
