package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.AutoReloaderBuilder;
import io.github.reloadloop.core.ReloadListener;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The run's reloader, in use from the first failure. With {@value LoopConfiguration#WARM_UP}{@code =start} it
 * starts {@linkplain AutoReloaderBuilder#startHeld() held} two seconds into the run ({@link #warmUpAhead()}), so that
 * its compiler is warm by the first save after a failure, and is released at the first failure; a passing run
 * then only shares the CPU with the warm-up's compiles (no agent, nothing reloaded, nothing printed). Else it
 * starts at the first failure. Either way it applies first every source saved since the JVM started that is newer
 * than its class file.
 *
 * <p>Threading: any thread; the start is guarded.
 */
final class LazyReloader implements AutoCloseable {

  /** How long {@link #close()} waits for a held reloader's start to end. */
  private static final Duration START_WAIT = Duration.ofSeconds(10);

  private final AutoReloaderBuilder builder;
  private final Consumer<AutoReloader> onStart;
  private volatile AutoReloader reloader;
  /** How long after the run's start the reloader starts ahead of a failure ({@link #warmUpAhead()}). */
  static final Duration AHEAD_DELAY = Duration.ofSeconds(2);

  /** The held reloader starting ahead of a failure ({@link #warmUpAhead()}), or {@code null}. */
  private CompletableFuture<AutoReloader> ahead;
  /** Whether the start ahead has begun (then {@link #ahead} completes with it); guarded by {@code this}. */
  private boolean aheadBegun;
  /** Whether the start ahead must not begin: the reloader started otherwise; guarded by {@code this}. */
  private boolean aheadDropped;
  /** Why the reloader could not start (no source root found), or {@code null}. */
  private volatile String startFailure;
  private boolean closed;

  /**
   * @param builder the reloader's settings, or {@code null} when the loop is off (then none starts)
   * @param onStart what to do once it has started, before anyone else gets it
   */
  LazyReloader(AutoReloaderBuilder builder, Consumer<AutoReloader> onStart) {
    this.builder = builder;
    this.onStart = onStart;
  }

  /**
   * The reloader's settings: the roots of {@value LoopConfiguration#DIRS}, or those found from the class path
   * around the module under test, and those of {@value LoopConfiguration#ADD_DIRS}; listeners are added by
   * the caller.
   */
  static AutoReloaderBuilder settings(LoopConfiguration configuration) {
    AutoReloaderBuilder builder = AutoReloader.builder()
        .moduleDirectory(LoopConfiguration.moduleDirectory())
        .sourceRoots(configuration.sourceRoots().toArray(Path[]::new))
        .compiler(configuration.compiler())
        .processorPath(configuration.processorPath())
        .reporter(ReloadListener.NONE)
        .changedSince(jvmStart());
    return configuration.discover() ? builder.discoverSourceRoots() : builder;
  }

  /**
   * Starts the reloader held, {@link #AHEAD_DELAY} from now, on a thread of its own (so that the run does not wait
   * for the discovery of its source roots); {@link #get()} releases it. A run that ends or fails before then never
   * starts one ahead: a short passing run shares no CPU with the warm-up, and a failure starts the reloader at
   * once. Does nothing when the loop is off or a reloader exists.
   */
  synchronized void warmUpAhead() {
    if (builder == null || closed || ahead != null || reloader != null) {
      return;
    }
    CompletableFuture<AutoReloader> future = new CompletableFuture<>();
    ahead = future;
    Thread thread = new Thread(() -> startAhead(future), "reload-loop-start");
    thread.setDaemon(true);
    thread.start();
  }

  private void startAhead(CompletableFuture<AutoReloader> future) {
    try {
      Thread.sleep(AHEAD_DELAY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.complete(null);
      return;
    }
    synchronized (this) {
      if (closed || reloader != null || aheadDropped) {
        future.complete(null);
        return;
      }
      aheadBegun = true; // From here on the start needs no lock: get() and close() wait for the future.
    }
    try {
      AutoReloader held = builder.startHeld();
      // The tests run: no warm-up beyond the first compiles (which end seconds after this) until the console
      // waits at its prompt.
      held.idle(false);
      future.complete(held);
    } catch (RuntimeException | Error e) {
      future.completeExceptionally(e);
    }
  }

  /**
   * The reloader, started (or released) now if it is not yet; {@code null} when the loop is off, closed, or no source root was
   * found (then the loop turns off, saying so).
   */
  AutoReloader get() {
    AutoReloader started = reloader;
    if (started != null || builder == null) {
      return started;
    }
    synchronized (this) {
      if (reloader == null && !closed && startFailure == null) {
        try {
          AutoReloader fresh = aheadBegun ? startedAhead() : builder.start();
          aheadDropped = true;
          fresh.release();
          reloader = fresh;
          onStart.accept(fresh);
        } catch (IllegalArgumentException e) {
          startFailure = e.getMessage(); // Discovery found no source root.
          System.err.println("reload-loop: the loop is off, failures are reported normally: " + startFailure);
        }
      }
      return reloader;
    }
  }

  /** The held reloader once its start is over; its start's failure as {@link #builder}'s would be. */
  private AutoReloader startedAhead() {
    try {
      return ahead.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** The reloader if it has started and is released, else {@code null}; never starts it. */
  AutoReloader ifStarted() {
    return reloader;
  }

  /** Whether it could not start (no source root found). */
  boolean failedToStart() {
    return startFailure != null;
  }

  /** When this JVM started: a source saved after it may hold changes the loaded classes lack. */
  private static Instant jvmStart() {
    return ProcessHandle.current().info().startInstant()
        .orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
  }

  /** Starts none from now on, and closes the one started. */
  @Override
  public synchronized void close() {
    closed = true;
    if (reloader != null) {
      reloader.close();
    } else if (aheadBegun) {
      // Never released. Its start (finding the roots, making its own directory) takes a moment: waited for, so
      // that the reloader's directory is gone when the run ends; one that takes longer is closed once started.
      try {
        AutoReloader held = ahead.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (held != null) {
          held.close();
        }
      } catch (TimeoutException e) {
        closeOnceStarted();
      } catch (ExecutionException e) {
        // It did not start: nothing to close (the failure is told if a test fails, which no longer can).
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeOnceStarted();
      }
    }
  }

  private void closeOnceStarted() {
    ahead.thenAccept(held -> {
      if (held != null) {
        held.close();
      }
    });
  }
}
