package io.github.reloadloop.core.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Debounces changed paths into batches: a batch is handed out once no new path arrived for the quiet
 * period, or at once when someone asks to flush. A burst of hundreds of files (a {@code git checkout})
 * becomes one batch or a few.
 *
 * @since 0.1.0
 */
public final class ChangeBatcher {

  /** Paths changed together, and the flush requests that the batch answers. */
  public record Batch(Set<Path> paths, List<CompletableFuture<Void>> flushes) {}

  private static final Object STOP = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private static final int BURST_FILES = 2;
  private static final long BURST_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final long quietNanos;
  private final long maxDelayNanos;
  private volatile boolean stopped;

  /**
   * @param quiet how long no change must arrive before a batch is handed out
   * @param maxDelay the longest a change waits while others keep arriving
   */
  public ChangeBatcher(Duration quiet, Duration maxDelay) {
    this.quietNanos = quiet.toNanos();
    this.maxDelayNanos = maxDelay.toNanos();
  }

  /** Adds a changed path. Thread-safe. */
  public void add(Path path) {
    queue.add(path);
  }

  /**
   * Asks for the pending paths to be handed out now; the future completes when that batch is processed,
   * or at once when the batcher was stopped (no batch will come).
   */
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(done);
    if (stopped) {
      completeWaitingFlushes();
    }
    return done;
  }

  /** Makes {@link #next()} return {@code null}, now and from then on; answers every waiting flush. */
  public void stop() {
    stopped = true;
    queue.add(STOP);
  }

  /**
   * Blocks until a batch is due. A batch may hold no paths when it only answers a flush.
   *
   * @return the batch, or {@code null} after {@link #stop()}
   */
  @SuppressWarnings("unchecked")
  public Batch next() throws InterruptedException {
    Set<Path> paths = new LinkedHashSet<>();
    List<CompletableFuture<Void>> flushes = new ArrayList<>();
    Object item = queue.take();
    long first = System.nanoTime();
    while (true) {
      if (item == STOP) {
        flushes.forEach(f -> f.complete(null));
        completeWaitingFlushes();
        return null;
      }
      if (item instanceof Path path) {
        paths.add(path);
      } else {
        flushes.add((CompletableFuture<Void>) item);
        drainAvailable(paths, flushes);
        return new Batch(paths, flushes);
      }
      // One or two files is an editor's save: hand it out after the short quiet period. More is a burst
      // (a git checkout, a refactoring), whose writes can pause for a while on a busy machine: wait longer
      // for it to end, so that it compiles as one batch instead of several half-written ones.
      long quiet = paths.size() > BURST_FILES ? Math.max(quietNanos, BURST_QUIET_NANOS) : quietNanos;
      long waitNanos = Math.min(quiet, maxDelayNanos - (System.nanoTime() - first));
      item = waitNanos <= 0 ? null : queue.poll(waitNanos, TimeUnit.NANOSECONDS);
      if (item == null) {
        return new Batch(paths, flushes);
      }
    }
  }

  /** After a stop no batch comes: whoever waits for one is told it is over. */
  private void completeWaitingFlushes() {
    List<Object> rest = new ArrayList<>();
    queue.drainTo(rest);
    for (Object item : rest) {
      if (item instanceof CompletableFuture<?> flush) {
        flush.complete(null);
      }
    }
    queue.add(STOP);
  }

  @SuppressWarnings("unchecked")
  private void drainAvailable(Set<Path> paths, List<CompletableFuture<Void>> flushes) {
    List<Object> rest = new ArrayList<>();
    queue.drainTo(rest);
    for (Object item : rest) {
      if (item instanceof Path path) {
        paths.add(path);
      } else if (item == STOP) {
        queue.add(STOP);
      } else {
        flushes.add((CompletableFuture<Void>) item);
      }
    }
  }
}
