package io.github.reloadloop.core;

import io.github.reloadloop.core.internal.compile.PatchCompiler;
import io.github.reloadloop.core.internal.watch.ChangeBatcher;
import io.github.reloadloop.core.internal.watch.ChangeSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The reloader's threads and the order of their work. Saves come first: the reload thread
 * ({@code reload-loop-reload}) takes batch after batch through the pipeline, each with the patch
 * {@code reload-loop-early-compile} compiled during its debounce ({@link EarlyCompile}), if it fits. A save
 * never waits for the warm-up: {@code reload-loop-warm-up} warms the compiler of the saves up first, a save
 * meanwhile compiles on the warm-up's own compiler (the two then swap roles), and the first save ends the first
 * warm-up. A held scheduler warms up but takes no batch and prepares
 * no class until {@link #release()}. Work ahead of saves waits while a save is being gathered or handled and
 * while the program is not {@linkplain #idle(boolean) idle}: the warm-up thread goes on warming its compiler
 * up, and {@code reload-loop-prepare} prepares the classes named by {@link #expect}.
 *
 * <p>Threading: {@link #idle}, {@link #expect}, {@link #release}, {@link #stop} and {@link #awaitEnd} from any
 * thread; the rest on the threads it owns. {@link #stop} ends the background work at its next step; the reload
 * thread ends the early compile's thread and, once stopped, releases the compilers (the warm-up thread does, if
 * its first warm-up was still running).
 */
final class ReloadScheduler {

  /** Warm-up compiles before the first batch is taken (the first compile in a JVM is the slow one). */
  static final int WARM_UP_ROUNDS = 3;
  /** Warm-up compiles after that, while no save waits: enough for the JIT to compile the compiler's paths. */
  static final int KEEP_WARM_ROUNDS = 60;
  /** How long after a batch the warm-up waits before it goes on (a rerun of the tests comes first). */
  private static final Duration KEEP_WARM_PAUSE = Duration.ofSeconds(1);
  /** How often paused work ahead of saves looks whether it may go on. */
  private static final Duration POLL = Duration.ofMillis(50);
  /** How long {@link #awaitEnd()} waits for a batch in progress. */
  private static final Duration BATCH_WAIT = Duration.ofSeconds(2);

  private final ChangeBatcher batcher;
  private final PatchCompiler compiler;
  private final ReloadPipeline pipeline;
  /** Compiles an editor's save during the debounce; used by the reload thread only. */
  private final EarlyCompile early;
  private final Consumer<Set<String>> prepare;
  private final Supplier<Path> newestSource;
  private final ReloadListener listener;
  private final List<String> startWarnings;
  private final Thread worker;
  /** Classes named by {@link #expect} and not prepared yet. */
  private final Set<String> expected = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean preparing = new AtomicBoolean();
  /** The compiles of the first warm-up done so far. */
  private final AtomicInteger firstWarmUpRounds = new AtomicInteger();
  /** How often {@link #keepWarm()} began compiling (up to its remaining rounds each time). */
  private final AtomicInteger keepWarmStarts = new AtomicInteger();
  /** How often {@link #keepWarm()} looked, its pause after a batch over, whether it may compile. */
  private final AtomicInteger warmUpLooks = new AtomicInteger();
  /** How often {@link #prepareExpected()} looked whether it may prepare. */
  private final AtomicInteger prepareLooks = new AtomicInteger();
  private volatile boolean closed;
  /** Whether the worker is processing a batch (the warm-up then pauses). */
  private volatile boolean busy;
  /** Whether the program waits for its user; see {@link AutoReloader#idle(boolean)}. */
  private volatile boolean idle = true;
  /** {@link System#nanoTime()} when the worker last finished a batch. */
  private volatile long lastBatchEnd = System.nanoTime() - KEEP_WARM_PAUSE.toNanos();
  /** Set once the scheduler is released: from then on the worker takes batches. */
  private volatile boolean ready;
  /** Whether a batch was taken since the release: the first warm-up then ends (a save warms up better). */
  private volatile boolean saveTaken;
  /** Whether the first warm-up (on the compiler of the saves) runs still; the warm-up thread clears it. */
  private volatile boolean warmingFirst = true;
  /** Whether batches wait for {@link #release()}; guarded by {@link #releases} for waiting. */
  private volatile boolean held;
  private final Object releases = new Object();
  /** Waits, bounded, for the agent a released scheduler's compiler needs to keep its context. */
  private final Runnable awaitAgent;

  /**
   * @param prepare prepares loaded classes for their first reload (the apply stage's)
   * @param newestSource the most recently modified source, which the warm-up compiles
   * @param startWarnings what went wrong while the reloader was put together, told first
   * @param held whether batches and preparing wait for {@link #release()} (the warm-up does not)
   * @param awaitAgent waits, bounded, for the agent's load, which a held reloader begins at its release
   */
  ReloadScheduler(ChangeBatcher batcher, PatchCompiler compiler, ReloadPipeline pipeline,
      Consumer<Set<String>> prepare, Supplier<Path> newestSource, ReloadListener listener, List<String> startWarnings,
      boolean held, Runnable awaitAgent) {
    this.batcher = batcher;
    this.compiler = compiler;
    this.pipeline = pipeline;
    this.early = new EarlyCompile(compiler::tryCompile);
    this.prepare = prepare;
    this.newestSource = newestSource;
    this.listener = listener;
    this.startWarnings = List.copyOf(startWarnings);
    this.held = held;
    this.awaitAgent = awaitAgent;
    this.worker = Threads.daemon(this::run, "reload-loop-reload");
  }

  /** Starts the reload thread. */
  void start() {
    worker.start();
  }

  /** Whether the caller is the reload thread (an {@link OnReload} method, a listener). */
  boolean onReloadThread() {
    return Thread.currentThread() == worker;
  }

  /** Whether {@link #stop()} was called. */
  boolean stopped() {
    return closed;
  }

  /** See {@link AutoReloader#idle(boolean)}. */
  void idle(boolean idle) {
    this.idle = idle;
  }

  /** Lets a held scheduler take batches (those gathered meanwhile first) and prepare classes. */
  void release() {
    synchronized (releases) {
      held = false;
      releases.notifyAll();
    }
  }

  /** Prepares these classes while the program is idle and no save is being handled. */
  void expect(Collection<String> classNames) {
    expected.addAll(classNames);
    startPreparing();
  }

  /**
   * Ends the work ahead of saves at its next step and the reload thread after its batch.
   *
   * @return {@code false} when it was stopped already
   */
  boolean stop() {
    if (closed) {
      return false;
    }
    closed = true;
    synchronized (releases) {
      releases.notifyAll(); // A held worker ends.
    }
    return true;
  }

  /**
   * After {@link #stop()} and the batcher's stop: waits a little for a batch in progress, so that no class file
   * is half-written, and releases the compilers once the reload thread is over.
   */
  void awaitEnd() {
    if (ready) {
      // A batch may be in progress (batches run during the first warm-up too): waited for, bounded. A held
      // worker has none: it ends at once.
      try {
        worker.join(BATCH_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!worker.isAlive() && !warmingFirst) {
      compiler.closeCompilers().forEach(listener::warning);
    }
    // Else a compile is still running: a save's (begun during the debounce, or a slow batch), and the worker
    // releases the compilers once it is over; or the first warm-up's, which stops at its next step and
    // releases them itself, so that closing a short test run does not wait for it.
  }

  /** Saves whose patch was compiled during the debounce and used; for tests. */
  int earlyCompilesUsed() {
    return early.used();
  }

  /** Compiles started during the debounce and dropped (stale, overtaken or failed); for tests. */
  int earlyCompilesDropped() {
    return early.dropped();
  }

  /** The compiles of the first warm-up done so far; for tests. */
  int firstWarmUpRounds() {
    return firstWarmUpRounds.get();
  }

  /** How often the warm-up after the first one began compiling; for tests. */
  int keepWarmStarts() {
    return keepWarmStarts.get();
  }

  /**
   * How often the warm-up and the preparing of expected classes looked whether they may go on; for tests, which
   * wait for a look or two instead of a time long enough for work to have happened.
   */
  int warmUpLooks() {
    return warmUpLooks.get();
  }

  /** See {@link #warmUpLooks()}. */
  int prepareLooks() {
    return prepareLooks.get();
  }

  private void run() {
    startWarnings.forEach(listener::warning);
    Threads.daemon(this::warmUps, "reload-loop-warm-up").start();
    try {
      awaitRelease();
      ready = true;
      ChangeSet changes;
      while ((changes = batcher.next(early)) != null) {
        busy = true;
        saveTaken = true;
        try {
          EarlyCompile.Patch compiled = early.take(changes);
          // A flush with nothing new does not recompile files that failed: they would fail the same way.
          if (!changes.isEmpty()) {
            pipeline.process(changes, compiled);
          }
        } catch (RuntimeException | LinkageError e) {
          listener.warning("reload failed unexpectedly, the old code keeps running: " + e);
        } finally {
          lastBatchEnd = System.nanoTime();
          busy = false;
          changes.completeFlushes();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      early.close();
      if (closed && !warmingFirst) {
        compiler.closeCompilers().forEach(listener::warning);
      } // Else the warm-up thread releases them once its compile has stopped.
    }
  }

  /**
   * The warm-up thread: the first warm-up, on the compiler of the saves (a save meanwhile compiles on the
   * warm-up's compiler instead of waiting, see {@link PatchCompiler}); once a held scheduler is released, one
   * compile more there, which builds the context the saves reuse (javac's internals are opened through the
   * agent, which loads only at the release); then {@link #keepWarm()}.
   */
  private void warmUps() {
    boolean wasHeld = held;
    boolean warm = false;
    try {
      warm = warmUp(WARM_UP_ROUNDS);
      if (warm && wasHeld) {
        awaitRelease();
        if (!closed && !saveTaken) {
          awaitAgent.run();
          warmUp(1);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } finally {
      warmingFirst = false;
      if (closed) {
        compiler.closeCompilers().forEach(listener::warning);
      }
    }
    if (warm && !closed) {
      keepWarm();
    }
  }

  /** Until {@link #release()} or {@link #stop()}. */
  private void awaitRelease() throws InterruptedException {
    synchronized (releases) {
      while (held && !closed) {
        releases.wait();
      }
    }
  }

  /**
   * The first warm-up: whether it went well (else there is no more warm-up). A save ends it, unless the
   * scheduler is held (the save waits for the release anyway): its compile stops at its next phase, and no
   * round follows (the warm-up goes on once the program is idle, see {@link #keepWarm()}).
   */
  private boolean warmUp(int rounds) {
    try {
      firstWarmUpRounds.accumulateAndGet(compiler.warmUp().first(newestSource.get(), rounds,
          () -> closed || !held && (saveTaken || batcher.hasPending())), Math::max);
      return true;
    } catch (RuntimeException e) {
      if (!closed) {
        listener.warning("warming up the compiler failed: " + e.getMessage());
      }
      return false;
    }
  }

  /**
   * Whether work ahead of the user's saves (warm-up, preparing classes) must wait or stop: the reloader is
   * closed, a save is being gathered or handled, or the program is not idle.
   */
  private boolean backgroundMustWait() {
    return closed || busy || !idle || batcher.hasPending();
  }

  /**
   * More warm-up, on a thread and a compiler of its own, up to {@value #KEEP_WARM_ROUNDS} compiles, paused
   * while a batch waits or runs, for {@link #KEEP_WARM_PAUSE} after one, and while the program is not idle.
   * The JIT compiles the compiler's code only after many compiles: the first saves would otherwise run it
   * mostly interpreted. A save does not wait for the warm-up: the reload thread takes it at once, on the other
   * compiler, while the warm-up's compile stops at its next phase. Each pause uses up at least one round, so saves in quick
   * succession end it too.
   */
  private void keepWarm() {
    int rounds = KEEP_WARM_ROUNDS;
    try {
      while (rounds > 0 && !closed) {
        if (System.nanoTime() - lastBatchEnd < KEEP_WARM_PAUSE.toNanos()) {
          Thread.sleep(POLL.toMillis());
          continue;
        }
        warmUpLooks.incrementAndGet();
        if (backgroundMustWait()) {
          Thread.sleep(POLL.toMillis());
          continue;
        }
        keepWarmStarts.incrementAndGet();
        int done = compiler.warmUp().more(rounds, this::backgroundMustWait);
        rounds -= Math.max(1, done);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // It compiled at start: a failure now ends the warm-up, without a warning about something not asked for.
    } finally {
      compiler.warmUp().end().forEach(listener::warning);
    }
  }

  /** Starts the thread that prepares the expected classes, unless there are none or it runs already. */
  private void startPreparing() {
    if (!expected.isEmpty() && !closed && preparing.compareAndSet(false, true)) {
      Threads.daemon(this::prepareExpected, "reload-loop-prepare").start();
    }
  }

  /**
   * Prepares the expected classes once the program is idle and no save is being handled; the compiler's first
   * warm-up need not be over (a failure's first save often comes before it is), and the agent's load is waited
   * for.
   */
  private void prepareExpected() {
    try {
      while (!closed && !expected.isEmpty()) {
        prepareLooks.incrementAndGet();
        if (held || backgroundMustWait()) { // Held: the agent that reads the classes is not loaded.
          Thread.sleep(POLL.toMillis());
          continue;
        }
        Set<String> names = Set.copyOf(expected);
        expected.removeAll(names);
        prepare.accept(names);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Only ahead-of-time work: the first reload of these classes does it again.
    } finally {
      preparing.set(false);
      startPreparing(); // Names added after the loop saw none left.
    }
  }
}
