package io.github.reloadloop.junit;

import io.github.reloadloop.junit.console.LoopConsole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A console whose input is a script: each step may act (save a fixed file) and then types a line. When the
 * script runs out it behaves like Ctrl-D. Everything shown is recorded for assertions.
 */
final class ScriptedConsole implements LoopConsole {

  /** Consoles by id, for {@link ScriptedConsoleFactory}, which the extension instantiates by class name. */
  private static final Map<String, ScriptedConsole> REGISTRY = new ConcurrentHashMap<>();

  /** One step: an action, then a typed line. */
  interface Step {
    String run() throws Exception;
  }

  private static final int WAKE_WAIT_SECONDS = 60;
  private static final long POLL_MILLIS = 100;

  final String id = UUID.randomUUID().toString();
  private final ConcurrentLinkedDeque<Step> steps = new ConcurrentLinkedDeque<>();
  private final List<String> transcript = new ArrayList<>();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger opened = new AtomicInteger();
  private final ConcurrentLinkedQueue<Boolean> ctrlC = new ConcurrentLinkedQueue<>();
  /** Wake-ups received (auto-rerun after a reload). */
  final AtomicInteger wakes = new AtomicInteger();
  private final Semaphore wakeUps = new Semaphore(0);
  volatile boolean closed;
  /** What the loop registered to complete the argument of {@code eval}, as the terminal console's Tab asks it. */
  private volatile ArgumentCompletion completion;
  volatile String unavailable;

  ScriptedConsole() {
    REGISTRY.put(id, this);
  }

  static ScriptedConsole byId(String id) {
    return REGISTRY.get(id);
  }

  /** Types {@code line} at the next prompt. */
  ScriptedConsole type(String line) {
    steps.add(() -> line);
    return this;
  }

  /** Runs {@code action} at the next prompt, then types {@code line}. */
  ScriptedConsole then(Step step) {
    steps.add(step);
    return this;
  }

  /**
   * Types {@code line} at each prompt until a line of the transcript matches {@code shown}, then goes on with
   * the next step: a user typing {@code status} until it says what they wait for. Polls every
   * {@link #POLL_MILLIS} ms, at most {@link #WAKE_WAIT_SECONDS} s; then it records that nothing matched and
   * goes on.
   */
  ScriptedConsole typeUntilShown(String line, Pattern shown) {
    long rounds = TimeUnit.SECONDS.toMillis(WAKE_WAIT_SECONDS) / POLL_MILLIS;
    steps.add(new Step() {
      private long typed;

      @Override
      public String run() throws InterruptedException {
        if (typed > 0 && lines().stream().noneMatch(l -> shown.matcher(l).find())) {
          if (typed >= rounds) {
            record("  (never shown: " + shown + ")");
          } else {
            Thread.sleep(POLL_MILLIS); // polling interval, bounded by rounds; not a settle time
            steps.addFirst(this);
          }
        } else if (typed == 0) {
          steps.addFirst(this);
        }
        typed++;
        return line;
      }
    });
    return this;
  }

  /** Types {@code line} at the next prompt, then presses Ctrl-C while it runs. */
  ScriptedConsole typeThenCtrlC(String line) {
    steps.add(() -> {
      ctrlC.add(Boolean.TRUE);
      return line;
    });
    return this;
  }

  /**
   * Runs {@code action} at the next prompt (a save), then waits, bounded, for the loop to wake the console:
   * the read ends with no line typed, as a terminal's does. Without a wake-up it types {@code skip}, so the
   * test fails on what the transcript shows.
   */
  ScriptedConsole thenAwaitWake(Action action) {
    steps.add(() -> {
      wakeUps.drainPermits();
      action.run();
      if (wakeUps.tryAcquire(WAKE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        return null;
      }
      record("  (not woken within " + WAKE_WAIT_SECONDS + " s)");
      return "skip";
    });
    return this;
  }

  @Override
  public InterruptWatch watchInterrupts(Runnable onInterrupt) {
    if (ctrlC.poll() != null) {
      record("  pressed: Ctrl-C");
      onInterrupt.run();
    }
    return () -> { };
  }

  /** Waits, bounded, until the transcript contains {@code text}; fails with the transcript otherwise. */
  void awaitTranscript(String text) throws InterruptedException {
    if (!awaitShown(text)) {
      throw new AssertionError("the console never showed '" + text + "':\n" + transcript());
    }
  }

  /** Waits, bounded, until the transcript shows {@code text} (a line the reloader prints). */
  synchronized boolean awaitShown(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAKE_WAIT_SECONDS);
    while (!String.join("\n", transcript).contains(text)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** An action of a step, with nothing typed. */
  interface Action {
    void run() throws Exception;
  }

  @Override
  public void wake() {
    wakes.incrementAndGet();
    wakeUps.release();
  }

  /** Behaves like a process without a terminal. */
  ScriptedConsole withoutTerminal() {
    unavailable = "no terminal (scripted)";
    return this;
  }

  @Override
  public String readLine(String prompt) throws ConsoleClosedException {
    reads.incrementAndGet();
    record(prompt);
    Step step = steps.poll();
    if (step == null) {
      throw new ConsoleClosedException("Ctrl-D");
    }
    try {
      String line = step.run();
      record(line == null ? "  (woken)" : "  typed: " + line);
      return line;
    } catch (Exception e) {
      throw new IllegalStateException("script step failed", e);
    }
  }

  @Override
  public void completeArguments(ArgumentCompletion completion) {
    this.completion = completion;
  }

  /** What Tab would offer at the end of {@code argument} after {@code p }; nothing while none is registered. */
  List<String> complete(String argument) {
    ArgumentCompletion registered = completion;
    return registered == null ? List.of() : registered.complete(argument, argument.length()).candidates();
  }

  @Override
  public void println(Tone tone, String text) {
    record(text);
  }

  private synchronized void record(String text) {
    transcript.add(text);
    notifyAll();
  }

  synchronized String transcript() {
    return String.join("\n", transcript);
  }

  synchronized List<String> lines() {
    return new ArrayList<>(transcript);
  }

  @Override
  public void close() {
    closed = true;
  }
}
