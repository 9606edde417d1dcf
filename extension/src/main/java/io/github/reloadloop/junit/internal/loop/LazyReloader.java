package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.AutoReloaderBuilder;
import io.github.reloadloop.core.ReloadListener;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The run's reloader, started on first use (the first failure), so that a passing run does not share the CPU
 * with it. Started late, it still applies first every source saved since the JVM started that is newer than
 * its class file.
 *
 * <p>Threading: any thread; the start is guarded.
 */
final class LazyReloader implements AutoCloseable {

  private final AutoReloaderBuilder builder;
  private final Consumer<AutoReloader> onStart;
  private volatile AutoReloader reloader;
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
   * The reloader, started now if it is not yet; {@code null} when the loop is off, closed, or no source root was
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
          AutoReloader fresh = builder.start();
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

  /** The reloader if it has started, else {@code null}; never starts it. */
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
    }
  }
}
