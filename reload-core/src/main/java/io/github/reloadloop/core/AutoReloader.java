package io.github.reloadloop.core;

import io.github.reloadloop.core.compile.Classpath;
import io.github.reloadloop.core.compile.CompileSettings;
import io.github.reloadloop.core.compile.CompilerKind;
import io.github.reloadloop.core.redefine.AgentLoader;
import io.github.reloadloop.core.redefine.EnhancedRedefinition;
import io.github.reloadloop.core.redefine.Redefiner;
import io.github.reloadloop.core.watch.ChangeBatcher;
import io.github.reloadloop.core.watch.SourceSnapshot;
import io.github.reloadloop.core.watch.SourceWatcher;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Patches the running JVM from saved sources: it watches source directories, compiles each saved batch
 * in-process and redefines the changed classes, so that every existing reference runs the new code.
 *
 * <pre>{@code
 * try (AutoReloader reloader = AutoReloader.watch(Path.of("src/main/java"))) {
 *   while (true) {
 *     System.out.println(Doubler.twice(4)); // edit Doubler.java while this runs
 *     Thread.sleep(2000);
 *   }
 * }
 * }</pre>
 *
 * <h2>Configuration</h2>
 * Through {@link #builder()}: compiler ({@link CompilerChoice}, default from the system property
 * {@value CompilerChoice#KEY}), class output directory per root (found from the classpath when not given),
 * debounce, listeners, reporter (default: one line per event on {@code System.err}), classpath, encoding.
 *
 * <h2>Threading</h2>
 * Two named daemon threads: {@code reload-loop-watch} receives file events, {@code reload-loop-reload}
 * loads the agent, warms the compiler at start, then compiles and redefines batch after batch. Listeners
 * run on the latter. {@link #close()} stops both.
 *
 * <h2>Limitations</h2>
 * A standard JVM swaps method bodies only; a class whose members, signatures or hierarchy change keeps its
 * old version and is reported as {@link RefusedClass} (a JVM with enhanced class redefinition swaps it).
 * Static initialisers do not run again. Annotation processors are not run.
 *
 * @since 0.1.0
 */
public final class AutoReloader implements AutoCloseable {

  /** The longest a change waits while more keep arriving (a long burst is split into batches this long). */
  private static final Duration MAX_BATCH_DELAY = Duration.ofSeconds(1);

  private final List<Path> roots;
  private final ProjectLayout layout;
  private final CompilerChoice choice;
  private final Listeners listener;
  private final ChangeBatcher batcher;
  private final ReloadCycle cycle;
  private final Compilers compilers;
  private final boolean enhanced = EnhancedRedefinition.available();
  private final Thread worker;
  private final SourceWatcher watcher;
  private final SourceSnapshot snapshot;
  private volatile Redefiner redefiner;
  private volatile String agent = "loading";
  private volatile boolean closed;
  /** Set once the agent is loaded and the compiler warmed up: from then on the worker takes batches. */
  private volatile boolean ready;

  private AutoReloader(Builder builder) {
    this.roots = List.copyOf(builder.roots);
    this.choice = builder.compiler;
    List<ReloadListener> all = new ArrayList<>();
    all.add(builder.reporter);
    all.addAll(builder.listeners);
    this.listener = new Listeners(all);
    List<Path> jvmClasspath = builder.classpath != null ? builder.classpath : Classpath.ofRunningJvm();
    this.layout = new ProjectLayout(roots, builder.outputs, jvmClasspath);
    LinkedHashSet<Path> classpath = new LinkedHashSet<>(layout.outputs().values());
    classpath.addAll(jvmClasspath);
    this.compilers = new Compilers(new CompileSettings(List.copyOf(classpath), layout.release(), layout.parameters(),
        builder.encoding), listener);
    this.batcher = new ChangeBatcher(builder.debounce, MAX_BATCH_DELAY.compareTo(builder.debounce.multipliedBy(20)) > 0
        ? MAX_BATCH_DELAY : builder.debounce.multipliedBy(20));
    this.cycle = new ReloadCycle(roots, layout, choice, compilers::get, () -> redefiner, enhanced,
        new SourceReader(builder.encoding), listener);
    this.snapshot = new SourceSnapshot(roots);
    this.watcher = new SourceWatcher(roots, this::changed, listener::warning);
    this.worker = new Thread(this::run, "reload-loop-reload");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Starts watching {@code sourceRoots} with default settings.
   *
   * @throws IllegalArgumentException if a root is not an existing directory (the message names it)
   */
  public static AutoReloader watch(Path... sourceRoots) {
    return builder().sourceRoots(sourceRoots).start();
  }

  /** A builder for a reloader with options. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the current thread is applying a reload right now: true inside {@link OnReload} methods.
   * The counterpart of Mighty Patcher's {@code currently_reloading()}.
   */
  public static boolean currentlyReloading() {
    return OnReloadHooks.currentlyReloading();
  }

  /**
   * Waits until every change seen so far has been compiled and applied (or has failed to compile), so that
   * what runs next sees no half-applied batch. Saves whose file events have not reached the watcher yet are
   * found by comparing the sources with what was last seen, so a save made before this call is included.
   *
   * @return {@code false} if the timeout elapsed first
   * @throws IllegalStateException when called on the reload thread (from an {@link OnReload} method)
   */
  public boolean awaitPendingReloads(Duration timeout) throws InterruptedException {
    if (Thread.currentThread() == worker) {
      throw new IllegalStateException("awaitPendingReloads cannot be called on the reload thread");
    }
    if (closed) {
      return true;
    }
    snapshot.changes().forEach(batcher::add);
    try {
      batcher.flush().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("reload failed", e.getCause());
    }
  }

  /**
   * Reloads the given source files as if they had been saved.
   *
   * @throws IllegalArgumentException for a file that is not below one of the source roots
   */
  public void reload(Path... files) {
    for (Path file : files) {
      Path absolute = file.toAbsolutePath().normalize();
      if (layout.rootOf(absolute, roots) == null) {
        throw new IllegalArgumentException(absolute + " is outside the source roots " + roots
            + "; only files below a watched root can be reloaded");
      }
      changed(absolute);
    }
  }

  /** A snapshot of what has been reloaded and what is outstanding. */
  public ReloadStatus status() {
    String compiler = switch (choice) {
      case JAVAC -> "javac";
      case ECJ -> "ecj";
      case AUTO -> "auto: " + layout.compilerOf(roots.get(0)).orElse(CompilerKind.JAVAC).name().toLowerCase(java.util.Locale.ROOT);
    };
    ReloadState state = cycle.state();
    return new ReloadStatus(roots, layout.outputs(), compiler, agent, enhanced, state.reloadedClasses(),
        state.reloads(), state.problems(), state.refused());
  }

  /**
   * Stops watching and reloading and releases the compilers' open jar files. Classes already redefined keep
   * their new code. Waits a little for a batch in progress to end.
   */
  @Override
  public void close() {
    closed = true;
    watcher.close();
    batcher.stop();
    if (!ready) {
      // Still warming up: nothing to finish. The worker stops after its current warm-up compile and
      // releases the compilers itself, so that closing a short test run does not wait for the warm-up.
      return;
    }
    try {
      worker.join(2_000); // A batch in progress completes, so that no class file is left half-written.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    compilers.close();
  }

  private void changed(Path file) {
    snapshot.seen(file);
    batcher.add(file);
  }

  private void run() {
    CompletableFuture<Void> agentLoad = CompletableFuture.runAsync(this::loadAgent, r -> {
      Thread thread = new Thread(r, "reload-loop-agent");
      thread.setDaemon(true);
      thread.start();
    });
    try {
      compilers.get(initialCompiler()).warmUp(() -> closed);
    } catch (RuntimeException e) {
      if (!closed) {
        listener.warning("warming up the compiler failed: " + e.getMessage());
      }
    }
    agentLoad.join();
    ready = true;
    try {
      ChangeBatcher.Batch batch;
      while ((batch = batcher.next()) != null) {
        try {
          // A flush with nothing new does not recompile files that failed: they would fail the same way.
          if (!batch.paths().isEmpty()) {
            cycle.process(batch.paths());
          }
        } catch (RuntimeException | LinkageError e) {
          listener.warning("reload failed unexpectedly, the old code keeps running: " + e);
        } finally {
          batch.flushes().forEach(f -> f.complete(null));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (closed) {
        compilers.close();
      }
    }
  }

  private void loadAgent() {
    try {
      AgentLoader.Agent loaded = AgentLoader.load();
      redefiner = new Redefiner(loaded.instrumentation());
      agent = loaded.source();
    } catch (IllegalStateException e) {
      agent = "unavailable: " + e.getMessage();
      listener.warning(e.getMessage());
    }
  }

  private CompilerKind initialCompiler() {
    return switch (choice) {
      case JAVAC -> CompilerKind.JAVAC;
      case ECJ -> CompilerKind.ECJ;
      case AUTO -> layout.compilerOf(roots.get(0)).orElse(CompilerKind.JAVAC);
    };
  }

  /**
   * Options for an {@link AutoReloader}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<Path> roots = new ArrayList<>();
    private final Map<Path, Path> outputs = new LinkedHashMap<>();
    private final List<ReloadListener> listeners = new ArrayList<>();
    private CompilerChoice compiler = CompilerChoice.parse(System.getProperty(CompilerChoice.KEY));
    private Duration debounce = Duration.ofMillis(10);
    private ReloadListener reporter = new StandardErrorReporter(System.err);
    private List<Path> classpath;
    private Charset encoding = StandardCharsets.UTF_8;

    private Builder() {}

    /** Directories to watch, recursively. */
    public Builder sourceRoots(Path... sourceRoots) {
      for (Path root : sourceRoots) {
        roots.add(root.toAbsolutePath().normalize());
      }
      return this;
    }

    /** Which compiler builds patches; default {@link CompilerChoice#AUTO} (or the {@code reload.compiler} property). */
    public Builder compiler(CompilerChoice choice) {
      this.compiler = Objects.requireNonNull(choice);
      return this;
    }

    /** Where the classes of {@code root} are loaded from (found from the classpath when not given). */
    public Builder outputDirectory(Path root, Path directory) {
      outputs.put(root.toAbsolutePath().normalize(), directory.toAbsolutePath().normalize());
      return this;
    }

    /** How long the sources must stay quiet before a batch is compiled; default 10 ms. */
    public Builder debounce(Duration quietPeriod) {
      if (quietPeriod.isNegative() || quietPeriod.isZero()) {
        throw new IllegalArgumentException("debounce must be positive, was " + quietPeriod);
      }
      this.debounce = quietPeriod;
      return this;
    }

    /** Adds a listener; listeners are frozen at {@link #start()}. */
    public Builder listener(ReloadListener listener) {
      listeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /** Replaces the default {@code System.err} reporting ({@link ReloadListener#NONE} silences it). */
    public Builder reporter(ReloadListener reporter) {
      this.reporter = Objects.requireNonNull(reporter);
      return this;
    }

    /** Reports to another stream than {@code System.err}. */
    public Builder reportTo(PrintStream out) {
      return reporter(new StandardErrorReporter(out));
    }

    /** Compiles against these entries instead of the running JVM's classpath. */
    public Builder classpath(List<Path> entries) {
      this.classpath = List.copyOf(entries);
      return this;
    }

    /** Encoding of the source files; default UTF-8. */
    public Builder encoding(Charset charset) {
      this.encoding = Objects.requireNonNull(charset);
      return this;
    }

    /**
     * Validates the options and starts watching.
     *
     * @throws IllegalArgumentException when no root is given or a root is not an existing directory
     */
    public AutoReloader start() {
      if (roots.isEmpty()) {
        throw new IllegalArgumentException("no source root given: name at least one directory to watch");
      }
      for (Path root : roots) {
        if (!Files.isDirectory(root)) {
          throw new IllegalArgumentException((Files.exists(root) ? "source root is not a directory: "
              : "source root does not exist: ") + root);
        }
      }
      return new AutoReloader(this);
    }
  }
}
