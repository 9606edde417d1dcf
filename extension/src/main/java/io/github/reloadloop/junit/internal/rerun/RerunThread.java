package io.github.reloadloop.junit.internal.rerun;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a rerun on a new thread of its own while the caller waits. The failed test's thread is still inside
 * that test's execution when it asks for a rerun: its extensions' thread-bound state is open (Mockito's
 * mocking session, Spring's transaction and test context holders, MDC, any {@code ThreadLocal} of a user's
 * extension), and a rerun on the same thread would trip over it. The new thread inherits none of it: it is
 * created without inheritable thread-locals, and it ends with the rerun, so nothing the rerun left in a
 * thread-local (holding, say, classes of a fresh class loader) outlives it.
 */
final class RerunThread {

  private static final AtomicInteger COUNT = new AtomicInteger();

  private RerunThread() {}

  /**
   * Runs {@code work} on a new daemon thread whose context class loader is {@code loader}, and waits for it.
   * Unchecked exceptions and errors of {@code work} are rethrown here.
   *
   * @throws InterruptedException when the waiting thread is interrupted; the rerun thread is interrupted too
   */
  static <T> T call(ClassLoader loader, Callable<T> work) throws InterruptedException {
    return start(loader, work).join();
  }

  /** Starts {@code work} on a new daemon thread whose context class loader is {@code loader}; nothing waits. */
  static <T> Started<T> start(ClassLoader loader, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(null, task, "reload-loop-rerun-" + COUNT.incrementAndGet(), 0, false);
    thread.setDaemon(true);
    thread.setContextClassLoader(loader);
    thread.start();
    return new Started<>(thread, task);
  }

  /** Work started on a rerun thread. */
  record Started<T>(Thread thread, FutureTask<T> task) {

    /**
     * Waits for the work and returns its result; its unchecked exceptions and errors are rethrown here.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the rerun thread is interrupted too
     */
    T join() throws InterruptedException {
      try {
        return task.get();
      } catch (InterruptedException e) {
        thread.interrupt();
        throw e;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("the rerun failed", cause);
      }
    }
  }
}
