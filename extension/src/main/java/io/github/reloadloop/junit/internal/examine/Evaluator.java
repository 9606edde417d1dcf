package io.github.reloadloop.junit.internal.examine;

import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs evaluations on a thread of their own while the console waits, bounded by {@code reload.eval.timeout}
 * and by Ctrl-C, with the evaluation's {@code System.out} and {@code System.err} on the console. A runaway
 * evaluation is stopped through JShell; one that does not stop is left behind on its thread, and the next
 * evaluation starts on a new one.
 */
final class Evaluator implements AutoCloseable {

  /** How an evaluation ended. */
  sealed interface Result<T> {
    record Done<T>(T value) implements Result<T> {}

    /**
     * @param reason {@code Ctrl-C} or the time limit
     * @param stuck whether it ignored the stop and still runs
     */
    record Stopped<T>(String reason, boolean stuck) implements Result<T> {}
  }

  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration STOP_GRACE = Duration.ofSeconds(3);
  private static final Duration QUICK = Duration.ofSeconds(5);
  private static final Duration HINT_AFTER = Duration.ofSeconds(1);

  private final LoopConsole console;
  private final Duration timeout;
  private final InheritableThreadLocal<Boolean> evaluating = new InheritableThreadLocal<>();
  private ExecutorService thread;
  private int threads;

  Evaluator(LoopConsole console, Duration timeout) {
    this.console = console;
    this.timeout = timeout;
  }

  /**
   * Runs {@code task} on the evaluation thread and waits for it.
   *
   * @param stop stops the task (JShell's stop), called after Ctrl-C or the time limit, repeatedly until it ends
   * @param runningSince when the code under the time limit started ({@link System#nanoTime()}), 0 while it
   *     has not (JShell compiles first; compiling is not held to the limit)
   */
  <T> Result<T> run(Callable<T> task, Runnable stop, LongSupplier runningSince) throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    PrintStream out = System.out;
    PrintStream err = System.err;
    EvalOutput toConsole = new EvalOutput(out, evaluating, line -> console.println(Tone.PLAIN, line));
    EvalOutput errorsToConsole = new EvalOutput(err, evaluating, line -> console.println(Tone.WARNING, line));
    PrintStream routedOut = toConsole.stream();
    PrintStream routedErr = errorsToConsole.stream();
    System.setOut(routedOut);
    System.setErr(routedErr);
    try (LoopConsole.InterruptWatch watch = console.watchInterrupts(() -> interrupted.set(true))) {
      Future<T> future = executor().submit(keepingDefaultHandler(task));
      return await(future, stop, interrupted, runningSince);
    } finally {
      toConsole.finish();
      errorsToConsole.finish();
      restore(out, err, routedOut, routedErr);
    }
  }

  /** Runs {@code task} on the evaluation thread for a quick answer (completion); {@code fallback} if busy or slow. */
  <T> T quick(Callable<T> task, T fallback) {
    try {
      return executor().submit(keepingDefaultHandler(task)).get(QUICK.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallback;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return fallback; // No completion is better than a console that waits on JShell.
    }
  }

  /** JDK 17's local execution installs a JVM-wide default handler of uncaught exceptions on every snippet. */
  private static <T> Callable<T> keepingDefaultHandler(Callable<T> task) {
    return () -> {
      Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
      try {
        return task.call();
      } finally {
        Thread.setDefaultUncaughtExceptionHandler(handler);
      }
    };
  }

  private <T> Result<T> await(Future<T> future, Runnable stop, AtomicBoolean interrupted, LongSupplier runningSince)
      throws Exception {
    String reason = null;
    long stopDeadline = 0;
    long hintAt = System.nanoTime() + HINT_AFTER.toNanos();
    while (true) {
      try {
        T value = future.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        return reason == null ? new Result.Done<>(value) : new Result.Stopped<>(reason, false);
      } catch (TimeoutException e) {
        // Still running: check for Ctrl-C and the time limit below.
      } catch (ExecutionException e) {
        if (reason != null) {
          return new Result.Stopped<>(reason, false);
        }
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
      if (hintAt != 0 && System.nanoTime() - hintAt > 0) {
        hintAt = 0;
        console.println(Tone.INFO, "still evaluating; Ctrl-C stops it (time limit " + describe(timeout) + ")");
      }
      long since = runningSince.getAsLong();
      if (reason == null && (interrupted.get() || since != 0 && System.nanoTime() - since - timeout.toNanos() > 0)) {
        reason = interrupted.get() ? "Ctrl-C" : "the time limit of " + describe(timeout) + " (reload.eval.timeout)";
        stopDeadline = System.nanoTime() + STOP_GRACE.toNanos();
      }
      if (reason != null) {
        stop.run();
        if (System.nanoTime() - stopDeadline > 0) {
          abandonThread();
          return new Result.Stopped<>(reason, true);
        }
      }
    }
  }

  private void restore(PrintStream out, PrintStream err, PrintStream routedOut, PrintStream routedErr) {
    if (System.out == routedOut) {
      System.setOut(out);
    }
    if (System.err == routedErr) {
      System.setErr(err);
    }
  }

  private synchronized ExecutorService executor() {
    if (thread == null) {
      String name = "reload-loop-eval-" + (++threads);
      thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(() -> {
          evaluating.set(Boolean.TRUE);
          runnable.run();
        }, name);
        t.setDaemon(true);
        return t;
      });
    }
    return thread;
  }

  /** Leaves a thread that ignores the stop behind: it is a daemon, and the next evaluation gets a new one. */
  private synchronized void abandonThread() {
    thread.shutdownNow();
    thread = null;
  }

  static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.shutdownNow();
      thread = null;
    }
  }
}
