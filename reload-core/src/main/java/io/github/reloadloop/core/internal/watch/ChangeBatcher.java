package io.github.reloadloop.core.internal.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * Debounces changed paths into {@link ChangeSet}s: a batch is handed out once no new path arrived for the
 * quiet period, or at once when someone asks to flush. A burst of hundreds of files (a {@code git checkout})
 * becomes one batch or a few. A path that is missing when its batch is due counts as deleted only if it does
 * not come back within a short grace period: an editor's safe write (IntelliJ deletes the target, then
 * renames a temporary file onto it) can straddle a short debounce. The grace period waits for the file's
 * next event, not by polling the disk.
 *
 * <p>Threading: {@link #add}, {@link #flush} and {@link #stop} from any thread; {@link #next} from one
 * consumer thread.
 */
public final class ChangeBatcher {

  /** How long an editor's save must be quiet before {@link Early} hears of it. */
  static final Duration EARLY_QUIET = Duration.ofMillis(1);
  /** How long a vanished file may take to come back before it counts as deleted. */
  static final Duration DELETE_GRACE = Duration.ofMillis(100);
  private static final int BURST_FILES = 2;
  private static final long BURST_QUIET_NANOS = Duration.ofMillis(100).toNanos();
  private static final Object STOP = new Object();

  /**
   * Hears of an editor's save (one or two files, all present) once its events have been quiet for
   * {@link #EARLY_QUIET}, before the quiet period ends and the batch is handed out: work on it (a compile)
   * can start meanwhile. The batch handed out may still differ (more events came): whoever starts work early
   * compares it with the batch, its files and its {@link ChangeSet#lastEventNanos()}, before using it.
   * Called on the thread of {@link #next}; must return at once.
   */
  public interface Early {
    /**
     * @param paths the files saved, as the batch would hand them out now
     * @param nanos now, on the batcher's clock ({@link System#nanoTime()} unless a test gives another): events
     *     stamped after it make the work stale
     */
    void quiet(List<Path> paths, long nanos);
  }

  /** A changed path and when it was reported. */
  private record Event(Path path, long nanos) {}

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final long quietNanos;
  private final long maxDelayNanos;
  private final long graceNanos;
  private final BatchClock clock;
  private final Predicate<Path> exists;
  private volatile boolean stopped;
  /** Whether {@link #next()} is gathering a batch it has not handed out yet. */
  private volatile boolean gathering;

  /**
   * @param quiet how long no change must arrive before a batch is handed out
   * @param maxDelay the longest a change waits while others keep arriving
   */
  public ChangeBatcher(Duration quiet, Duration maxDelay) {
    this(quiet, maxDelay, DELETE_GRACE, BatchClock.SYSTEM, Files::isRegularFile);
  }

  ChangeBatcher(Duration quiet, Duration maxDelay, Duration deleteGrace, BatchClock clock, Predicate<Path> exists) {
    this.quietNanos = quiet.toNanos();
    this.maxDelayNanos = maxDelay.toNanos();
    this.graceNanos = deleteGrace.toNanos();
    this.clock = clock;
    this.exists = exists;
  }

  /** Adds a changed (created, modified or deleted) path, stamped with the time it arrived. Thread-safe. */
  public void add(Path path) {
    queue.add(new Event(path, clock.nanoTime()));
  }

  /** Whether something waits to be handed out: a change or a flush, or a batch being gathered. */
  public boolean hasPending() {
    return gathering || !queue.isEmpty();
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

  /**
   * Makes {@link #next()} return {@code null}, now and from then on, dropping what is pending; answers every
   * waiting flush.
   */
  public void stop() {
    stopped = true;
    queue.add(STOP);
  }

  /**
   * Blocks until a batch is due. A batch may name no file when it only answers a flush.
   *
   * @return the batch, or {@code null} after {@link #stop()}
   */
  public ChangeSet next() throws InterruptedException {
    return next(null);
  }

  /**
   * Blocks until a batch is due, as {@link #next()}; tells {@code early} of an editor's save before it is.
   *
   * @param early hears of a save once it has been quiet for {@link #EARLY_QUIET}; may be {@code null}
   */
  public ChangeSet next(Early early) throws InterruptedException {
    Object item = queue.take();
    gathering = true;
    try {
      return gather(item, early);
    } finally {
      gathering = false;
    }
  }

  private ChangeSet gather(Object first, Early early) throws InterruptedException {
    Object item = first;
    long start = clock.nanoTime();
    Pending batch = new Pending(start);
    while (true) {
      if (!batch.take(item)) {
        return stopped(batch);
      }
      if (batch.flushed) {
        break;
      }
      // One or two files is an editor's save: hand it out after the short quiet period. More is a burst
      // (a git checkout, a refactoring), whose writes can pause for a while on a busy machine: wait longer
      // for it to end, so that it compiles as one batch instead of several half-written ones.
      long quiet = batch.paths.size() > BURST_FILES ? Math.max(quietNanos, BURST_QUIET_NANOS) : quietNanos;
      long wait = Math.min(quiet, maxDelayNanos - (clock.nanoTime() - start));
      long earlyWait = Math.min(wait, EARLY_QUIET.toNanos());
      if (early != null && batch.paths.size() <= BURST_FILES && earlyWait < wait) {
        item = clock.poll(queue, earlyWait);
        if (item != null) {
          continue;
        }
        if (batch.missing().isEmpty()) {
          early.quiet(List.copyOf(batch.paths), clock.nanoTime());
        }
        wait -= earlyWait;
      }
      item = wait <= 0 ? null : clock.poll(queue, wait);
      if (item == null) {
        break;
      }
    }
    long graceEnd = clock.nanoTime() + graceNanos;
    List<Path> missing = batch.missing();
    while (!missing.isEmpty()) {
      long wait = graceEnd - clock.nanoTime();
      item = wait <= 0 ? null : clock.poll(queue, wait);
      if (item == null) {
        break;
      }
      if (!batch.take(item)) {
        return stopped(batch);
      }
      missing = batch.missing();
    }
    List<Path> changed = new ArrayList<>(batch.paths);
    changed.removeAll(missing);
    return new ChangeSet(changed, missing, batch.firstEvent(), batch.lastEvent(), batch.flushes);
  }

  private ChangeSet stopped(Pending batch) {
    batch.flushes.forEach(f -> f.complete(null));
    completeWaitingFlushes();
    return null;
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

  /** The batch being gathered. */
  private final class Pending {
    final Set<Path> paths = new LinkedHashSet<>();
    final List<CompletableFuture<Void>> flushes = new ArrayList<>();
    final long started;
    long firstEvent = Long.MIN_VALUE;
    long lastEvent = Long.MIN_VALUE;
    boolean flushed;

    Pending(long started) {
      this.started = started;
    }

    /** Takes one queued item; {@code false} once stopped: what is pending then is dropped. */
    @SuppressWarnings("unchecked")
    boolean take(Object item) {
      if (item == STOP || stopped) {
        return false;
      }
      if (item instanceof Event event) {
        paths.add(event.path());
        if (firstEvent == Long.MIN_VALUE) {
          firstEvent = event.nanos();
        }
        lastEvent = event.nanos();
      } else {
        flushes.add((CompletableFuture<Void>) item);
        flushed = true;
        drainAvailable();
      }
      return true;
    }

    /** A flush hands out everything queued by now; a stop among it stays queued for the next call. */
    private void drainAvailable() {
      List<Object> rest = new ArrayList<>();
      queue.drainTo(rest);
      for (Object item : rest) {
        if (item == STOP) {
          queue.add(STOP);
        } else {
          take(item);
        }
      }
    }

    List<Path> missing() {
      return paths.stream().filter(exists.negate()).toList();
    }

    long firstEvent() {
      return firstEvent == Long.MIN_VALUE ? started : firstEvent;
    }

    long lastEvent() {
      return lastEvent == Long.MIN_VALUE ? started : lastEvent;
    }
  }
}
