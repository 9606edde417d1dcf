package io.github.reloadloop.core;

import io.github.reloadloop.core.compile.Classpath;
import io.github.reloadloop.core.compile.Overlay;
import io.github.reloadloop.core.compile.PatchCompiler;
import io.github.reloadloop.core.compile.ProjectLayout;
import io.github.reloadloop.core.project.OutsideRoots;
import io.github.reloadloop.core.project.ProjectModules;
import io.github.reloadloop.core.redefine.Applier;
import io.github.reloadloop.core.redefine.EnhancedRedefinition;
import io.github.reloadloop.core.redefine.Planner;
import io.github.reloadloop.core.redefine.RunningVersions;
import io.github.reloadloop.core.watch.ChangeBatcher;
import io.github.reloadloop.core.watch.ChangeSet;
import io.github.reloadloop.core.watch.SourceSnapshot;
import io.github.reloadloop.core.watch.SourceWatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>A save flows through four stages, each taking a value and returning one: the watcher's change set,
 * the compiled patch (each class compiled as the build compiled the class it replaces), the redefinition
 * plan (compared with the running classes), and its application (new classes defined, loaded classes
 * redefined, class files written to the reloader's overlay directories, {@link OnReload} hooks run). The
 * reloader publishes each listener event once, as the batch passes. It never writes into the build's class
 * directories.
 *
 * <h2>Source roots and modules</h2>
 * {@link #watch(Path...)} with no root, or {@link Builder#discoverSourceRoots()}, watches every module of the
 * project whose classes the JVM runs: the module in the working directory (or {@link Builder#moduleDirectory})
 * with its main and test sources, and each module whose class directory or jar is on the class path, found
 * through Maven's and Gradle's layouts ({@code target/classes}, {@code build/classes/java/main}, an installed
 * jar of a module of the same checkout). Classes loaded from a sibling module's jar are redefined like any
 * other. A {@code .java} file saved elsewhere in the checkout is reported once per source root it would
 * belong to ({@link ReloadListener#savedOutsideRoots}); {@link #status()} names each root's module and the
 * class directories that are not watched, with the reason.
 *
 * <h2>Configuration</h2>
 * Through {@link #builder()}: compiler ({@link CompilerChoice}, default from the system property
 * {@value CompilerChoice#KEY}), class directory per root (found from the classpath when not given),
 * debounce, listeners, reporter (default: one line per event on {@code System.err}), classpath, encoding,
 * annotation processor path.
 *
 * <h2>Threading</h2>
 * Named daemon threads: {@code reload-loop-watch} receives file events, {@code reload-loop-agent} loads the
 * agent, {@code reload-loop-reload} warms the compiler (until the first save arrives), then compiles and
 * applies batch after batch; {@code reload-loop-early-compile} compiles an editor's save while the debounce
 * waits, and hands the patch to the reload thread. Listeners run on the reload thread. While the program is
 * idle, {@code reload-loop-warm-up} goes on warming the compiler up and {@code reload-loop-prepare} reads the
 * classes named by {@link #expectEdits}. {@link #close()} stops them; the reload thread ends the early
 * compile's thread, waiting for a compile in progress.
 *
 * <h2>Limitations</h2>
 * A standard JVM swaps method bodies only; a class whose members, signatures or hierarchy change keeps its
 * old version and is reported as {@link RefusedClass} (a JVM with enhanced class redefinition swaps it).
 * Static initialisers do not run again. Annotation processors found on the classpath or the
 * {@linkplain Builder#processorPath processor path} run on every patch.
 *
 * @since 0.1.0
 */
public final class AutoReloader implements AutoCloseable {

  /** The longest a change waits while more keep arriving (a long burst is split into batches this long). */
  private static final Duration MAX_BATCH_DELAY = Duration.ofSeconds(1);
  /** Warm-up compiles before the first batch is taken (the first compile in a JVM is the slow one). */
  private static final int WARM_UP_ROUNDS = 3;
  /** Warm-up compiles after that, while no save waits: enough for the JIT to compile the compiler's paths. */
  static final int KEEP_WARM_ROUNDS = 60;
  /** How long after a batch the warm-up waits before it goes on (a rerun of the tests comes first). */
  private static final Duration KEEP_WARM_PAUSE = Duration.ofSeconds(1);
  /** How often a paused warm-up looks whether it may go on. */
  private static final Duration KEEP_WARM_POLL = Duration.ofMillis(50);
  /** How long {@link #close()} waits for an agent load in progress (the attach leaves a file until it ends). */
  private static final Duration AGENT_WAIT = Duration.ofSeconds(5);
  /** How long {@link #close()} waits for a batch in progress. */
  private static final Duration BATCH_WAIT = Duration.ofSeconds(2);

  private final ProjectLayout layout;
  private final ProjectModules modules;
  /** Source roots already named in a report of a save outside the roots: each is named once. */
  private final Set<Path> reportedOutside = ConcurrentHashMap.newKeySet();
  private final Listeners listener;
  private final ChangeBatcher batcher;
  private final SourceSnapshot snapshot;
  private final SourceWatcher watcher;
  private final Overlay overlay;
  private final PatchCompiler compiler;
  private final ReloadState state = new ReloadState();
  private final ReloadPipeline pipeline;
  /** Compiles an editor's save during the debounce; used by the reload thread only. */
  private final EarlyCompile early;
  private final Applier applier;
  /** Classes named by {@link #expectEdits} and not prepared yet. */
  private final Set<String> expected = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean preparing = new AtomicBoolean();
  private final boolean enhanced = EnhancedRedefinition.available();
  private final List<String> startWarnings = new ArrayList<>();
  private final AgentConnection agent;
  private final Thread worker;
  private volatile boolean closed;
  /** Whether the worker is processing a batch (the warm-up then pauses). */
  private volatile boolean busy;
  /** Whether the program waits for its user; see {@link #idle(boolean)}. */
  private volatile boolean idle = true;
  /** Warm-up compiles completed by {@link #keepWarm()}. */
  private final AtomicInteger keptWarm = new AtomicInteger();
  /** {@link System#nanoTime()} when the worker last finished a batch. */
  private volatile long lastBatchEnd = System.nanoTime() - KEEP_WARM_PAUSE.toNanos();
  /** Set once the compiler warm-up is over: from then on the worker takes batches. */
  private volatile boolean ready;

  private AutoReloader(Builder builder, List<Path> jvmClasspath, ProjectModules modules, List<Path> roots) {
    List<ReloadListener> all = new ArrayList<>();
    all.add(builder.reporter);
    all.addAll(builder.listeners);
    this.listener = new Listeners(all);
    this.modules = modules;
    Map<Path, Path> outputs = new LinkedHashMap<>(builder.outputs);
    roots.forEach(root -> modules.classLocationOf(root).ifPresent(location -> outputs.putIfAbsent(root, location)));
    this.layout = new ProjectLayout(roots, outputs, jvmClasspath);
    this.overlay = Overlay.create(layout.classDirectories().values(), startWarnings::add);
    this.agent = AgentConnection.start(listener);
    this.compiler = new PatchCompiler(layout, overlay, builder.compiler, jvmClasspath, builder.encoding,
        builder.processorPath, agent::loaded);
    RunningVersions running = RunningVersions.fromClassLoaders();
    this.applier = new Applier(agent::instrumentation, running, overlay);
    this.early = new EarlyCompile(compiler::tryCompile);
    this.pipeline = new ReloadPipeline(compiler, new Planner(agent::instrumentation, enhanced, running), applier,
        state, listener);
    Duration longest = builder.debounce.multipliedBy(20);
    this.batcher = new ChangeBatcher(builder.debounce,
        MAX_BATCH_DELAY.compareTo(longest) > 0 ? MAX_BATCH_DELAY : longest);
    this.snapshot = new SourceSnapshot(roots);
    this.watcher = builder.watching ? new SourceWatcher(roots, modules.projectDirectory(),
        OutsideRoots::isPruned, this::changed, listener::warning) : null;
    if (builder.changedSince != null) {
      // Started after the program: saves made since it started count, so that none is missed. They are due
      // first, before any warm-up.
      snapshot.modifiedSince(builder.changedSince).forEach((file, modified) -> {
        if (layout.newerThanClassFile(file, modified)) {
          batcher.add(file);
        }
      });
    }
    this.worker = daemon(this::run, "reload-loop-reload");
    worker.start();
  }

  /**
   * Starts watching {@code sourceRoots} with default settings; with none, the source roots of every project
   * module whose classes this JVM runs (see {@link Builder#discoverSourceRoots()}).
   *
   * @throws IllegalArgumentException if a root is not an existing directory (the message names it), or
   *     when none is given and none is found
   */
  public static AutoReloader watch(Path... sourceRoots) {
    return sourceRoots.length == 0 ? builder().discoverSourceRoots().start()
        : builder().sourceRoots(sourceRoots).start();
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
      if (layout.rootOf(absolute) == null) {
        throw new IllegalArgumentException(absolute + " is outside the source roots " + layout.sourceRoots()
            + "; only files below a watched root can be reloaded");
      }
      changed(absolute);
    }
  }

  /**
   * Tells the reloader whether the program is idle, waiting for its user (at a prompt, between requests) or
   * busy with its own work (running tests). After its first compiles the reloader goes on warming its compiler
   * up, so that the first saves do not run the compiler's code interpreted; it does so only while the program
   * is idle, so that the warm-up never takes the CPU from the program's work. A reloader starts idle.
   * Saves are reloaded either way.
   *
   * @since 0.1.0
   */
  public void idle(boolean idle) {
    this.idle = idle;
  }

  /**
   * Names classes the user is likely to edit next, such as those in a failure's stack trace. While the program
   * is {@linkplain #idle(boolean) idle}, the reloader does for them ahead of time what the first reload of
   * each would do: it reads the class as the JVM runs it, to keep what other agents (coverage, mocking) added
   * to it. The read leaves the class exactly as it runs (see {@link ReloadStatus#notPrepared()} for classes
   * that cannot be read). The first save then costs what later ones cost. Names of classes that are not
   * loaded or not of the project are ignored.
   *
   * @since 0.1.0
   */
  public void expectEdits(Collection<String> classNames) {
    for (String name : classNames) {
      if (layout.classDirectories().values().stream()
          .anyMatch(directory -> Files.isRegularFile(ProjectLayout.classFile(directory, name)))) {
        expected.add(name);
      } else if (inProjectPackage(name)) {
        // A class of the project's packages with no class file: generated at run time (a proxy, a hidden
        // class). Never read; the status says so.
        applier.notPrepared(name, name.contains("/") ? "a hidden class: the JVM cannot retransform it"
            : "no class file: generated at run time");
      }
    }
    startPreparing();
  }

  /** Whether a class directory holds the package of {@code binaryName} (a hidden class's name included). */
  private boolean inProjectPackage(String binaryName) {
    int slash = binaryName.indexOf('/');
    String name = slash < 0 ? binaryName : binaryName.substring(0, slash);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return false;
    }
    String directory = name.substring(0, dot).replace('.', '/');
    return layout.classDirectories().values().stream().anyMatch(root -> Files.isDirectory(root.resolve(directory)));
  }

  /** Starts the thread that prepares the expected classes, unless there are none or it runs already. */
  private void startPreparing() {
    if (!expected.isEmpty() && !closed && preparing.compareAndSet(false, true)) {
      daemon(this::prepareExpected, "reload-loop-prepare").start();
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
   * Prepares the expected classes once the program is idle and no save is being handled; the compiler's first
   * warm-up need not be over (a failure's first save often comes before it is), and the agent's load is waited
   * for.
   */
  private void prepareExpected() {
    try {
      while (!closed && !expected.isEmpty()) {
        if (backgroundMustWait()) {
          Thread.sleep(KEEP_WARM_POLL.toMillis());
          continue;
        }
        Set<String> names = Set.copyOf(expected);
        expected.removeAll(names);
        applier.prepare(names);
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

  /** Saves whose patch was compiled during the debounce and used; for tests. */
  int earlyCompilesUsed() {
    return early.used();
  }

  /** Compiles started during the debounce and dropped (stale, overtaken or failed); for tests. */
  int earlyCompilesDropped() {
    return early.dropped();
  }

  /** Warm-up compiles completed after the first ones; for tests. */
  int keptWarmRounds() {
    return keptWarm.get();
  }

  /** A snapshot of what has been reloaded and what is outstanding. */
  public ReloadStatus status() {
    Map<Path, Integer> releases = new LinkedHashMap<>();
    layout.sourceRoots().forEach(root -> releases.put(root, layout.releaseOf(root)));
    Map<Path, String> moduleNames = new LinkedHashMap<>();
    layout.sourceRoots().forEach(root -> modules.moduleOf(root).ifPresent(name -> moduleNames.put(root, name)));
    return new ReloadStatus(layout.sourceRoots(), layout.classDirectories(), overlay.directories(), releases,
        compiler.describeCompiler(), agent.source(), enhanced, state.reloadedClasses(), state.reloads(),
        state.problems(), state.refused(), state.recentTimes(), moduleNames,
        modules.notWatched(layout.sourceRoots()), applier.prepared(), applier.notPrepared());
  }

  /**
   * Stops watching and reloading, releases the compilers' open jar files and removes the overlay
   * directories. Classes already redefined keep their new code. Waits a little for an agent load or a batch
   * in progress to end, so that neither leaves a file behind.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (watcher != null) {
      watcher.close();
    }
    batcher.stop();
    agent.awaitLoad().forEach(listener::warning);
    if (ready) {
      try {
        worker.join(BATCH_WAIT.toMillis()); // A batch in progress completes, so that no class file is half-written.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!worker.isAlive()) {
        compiler.closeCompilers().forEach(listener::warning);
      }
      // Else a compile is still running (a save's, begun during the debounce, or a slow batch): the worker
      // releases the compilers itself once it is over, instead of closing them under it.
    }
    // Still warming up: the warm-up stops at its next step and the worker releases the compilers itself, so
    // that closing a short test run does not wait for a compile of the warm-up.
    overlay.close();
  }

  private void changed(Path file) {
    if (layout.rootOf(file) == null) {
      savedOutside(file);
      return;
    }
    // Batched before it is marked seen: awaitPendingReloads' rescan skips a file already seen, so a file seen
    // but not yet batched would miss the batch it flushes (a new class compiled after its caller, which
    // then fails with "cannot find symbol"). The other order costs at most a duplicate path.
    batcher.add(file);
    snapshot.seen(file);
  }

  /** A save elsewhere in the project: reported once for the source root it would belong to. */
  private void savedOutside(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        return; // Deleted, or truncated by an editor about to write it: the next event tells.
      }
    } catch (IOException e) {
      return; // Gone meanwhile: nothing was saved that could be reloaded.
    }
    Path root = OutsideRoots.sourceRootFor(file);
    if (reportedOutside.add(root)) {
      listener.savedOutsideRoots(file, root);
    }
  }

  private void run() {
    startWarnings.forEach(listener::warning);
    boolean warm = warmUp(WARM_UP_ROUNDS);
    ready = true;
    if (warm && !closed) {
      daemon(this::keepWarm, "reload-loop-warm-up").start();
    }
    try {
      ChangeSet changes;
      while ((changes = batcher.next(early)) != null) {
        busy = true;
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
      if (closed) {
        compiler.closeCompilers().forEach(listener::warning);
      }
    }
  }

  /** The first warm-up, before batches are taken: whether it went well (else there is no more warm-up). */
  private boolean warmUp(int rounds) {
    try {
      compiler.warmUp(snapshot.newest(), rounds, () -> closed || batcher.hasPending());
      return true;
    } catch (RuntimeException e) {
      if (!closed) {
        listener.warning("warming up the compiler failed: " + e.getMessage());
      }
      return false;
    }
  }

  /**
   * More warm-up, on a thread and a compiler of its own, up to {@value #KEEP_WARM_ROUNDS} compiles, paused
   * while a batch waits or runs, for {@link #KEEP_WARM_PAUSE} after one, and while the program is not
   * {@linkplain #idle(boolean) idle}. The JIT compiles the compiler's
   * code only after many compiles: the first saves would otherwise run it mostly interpreted. A save does
   * not wait for the warm-up: the reload thread takes it at once, while the warm-up's compile stops at its
   * next phase. Each pause uses up at least one round, so saves in quick succession end it too.
   */
  private void keepWarm() {
    int rounds = KEEP_WARM_ROUNDS;
    try {
      while (rounds > 0 && !closed) {
        if (backgroundMustWait() || System.nanoTime() - lastBatchEnd < KEEP_WARM_PAUSE.toNanos()) {
          Thread.sleep(KEEP_WARM_POLL.toMillis());
          continue;
        }
        int done = compiler.keepWarm(rounds, this::backgroundMustWait);
        keptWarm.addAndGet(done);
        rounds -= Math.max(1, done);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // It compiled at start: a failure now ends the warm-up, without a warning about something not asked for.
    } finally {
      compiler.endWarmUp().forEach(listener::warning);
    }
  }

  static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Options for an {@link AutoReloader}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<Path> roots = new ArrayList<>();
    private final Map<Path, Path> outputs = new LinkedHashMap<>();
    private Path moduleDirectory;
    private boolean discover;
    private final List<ReloadListener> listeners = new ArrayList<>();
    private CompilerChoice compiler = CompilerChoice.parse(System.getProperty(CompilerChoice.KEY));
    private Duration debounce = Duration.ofMillis(10);
    private ReloadListener reporter = new StandardErrorReporter(System.err);
    private List<Path> classpath;
    private Charset encoding = StandardCharsets.UTF_8;
    private List<Path> processorPath = List.of();
    private boolean watching = true;
    private Instant changedSince;

    private Builder() {}

    /** Directories to watch, recursively. */
    public Builder sourceRoots(Path... sourceRoots) {
      for (Path root : sourceRoots) {
        roots.add(root.toAbsolutePath().normalize());
      }
      return this;
    }

    /**
     * Adds the source roots of every project module whose classes this JVM runs, found from the class path at
     * {@link #start()}: the module under test's main and test sources ({@link #moduleDirectory}, default the
     * working directory), and the sources of each module whose class directory ({@code target/classes},
     * {@code build/classes/java/main}, ...) or jar (one built in the checkout, or installed from a module the
     * checkout's {@code <modules>} list) is on the class path. Roots given with {@link #sourceRoots} are
     * watched too.
     */
    public Builder discoverSourceRoots() {
      this.discover = true;
      return this;
    }

    /**
     * The module under test: the directory of its {@code pom.xml} or {@code build.gradle(.kts)}, or one below
     * it. Default: the working directory when discovering, else the module of the first source root. Its
     * checkout is where a save outside the roots is noticed.
     */
    public Builder moduleDirectory(Path directory) {
      this.moduleDirectory = directory.toAbsolutePath().normalize();
      return this;
    }

    /** Which compiler builds patches; default {@link CompilerChoice#AUTO} (or the {@code reload.compiler} property). */
    public Builder compiler(CompilerChoice choice) {
      this.compiler = Objects.requireNonNull(choice);
      return this;
    }

    /**
     * The build's class directory of {@code root}, where its classes are loaded from (found from the classpath
     * when not given). The reloader never writes there: it writes to an overlay directory of its own.
     */
    public Builder outputDirectory(Path root, Path directory) {
      outputs.put(root.toAbsolutePath().normalize(), directory.toAbsolutePath().normalize());
      return this;
    }

    /**
     * How long the sources must stay quiet before a batch is applied; default 10 ms. With a debounce longer
     * than a millisecond, an editor's save (one or two files, none of them missing or empty) is compiled
     * meanwhile, once its events have been quiet for a millisecond; that compile is used only if the batch is
     * the same files, none deleted, and no event for it came after the compile started. Otherwise the batch is
     * compiled at the end, as with a shorter debounce.
     */
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
     * Jars and directories searched for annotation processors before the classpath: for processors that
     * the build only has in the compiler plugin's {@code annotationProcessorPaths} (MapStruct's, say), which
     * are not on the running JVM's classpath. Processors named in a
     * {@code META-INF/services/javax.annotation.processing.Processor} file here or on the classpath run on
     * every patch, as they ran in the build. Default: none.
     *
     * @throws IllegalArgumentException for an entry that does not exist (the message names it)
     */
    public Builder processorPath(List<Path> entries) {
      List<Path> checked = new ArrayList<>();
      for (Path entry : entries) {
        Path absolute = entry.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
          throw new IllegalArgumentException("processor path entry does not exist: " + absolute
              + "; give the jars (or class directories) of the annotation processors");
        }
        checked.add(absolute);
      }
      this.processorPath = List.copyOf(checked);
      return this;
    }

    /**
     * For a reloader started after the program it patches (the loop starts one at the first failure): the
     * sources saved at or after {@code instant} (the program's start) that are newer than their class files
     * count as saved when the reloader starts, and are compiled and applied first. Default: none, only saves
     * made after the start count.
     *
     * @since 0.1.0
     */
    public Builder changedSince(Instant instant) {
      this.changedSince = Objects.requireNonNull(instant);
      return this;
    }

    /** Starts without a file watcher: only {@link AutoReloader#reload} and awaitPendingReloads' scan find saves. */
    Builder withoutWatcher() {
      this.watching = false;
      return this;
    }

    /**
     * Validates the options and starts watching.
     *
     * @throws IllegalArgumentException when no root is given or a root is not an existing directory
     */
    public AutoReloader start() {
      if (roots.isEmpty() && !discover) {
        throw new IllegalArgumentException("no source root given: name at least one directory to watch");
      }
      for (Path root : roots) {
        if (!Files.isDirectory(root)) {
          throw new IllegalArgumentException((Files.exists(root) ? "source root is not a directory: "
              : "source root does not exist: ") + root);
        }
      }
      List<Path> jvmClasspath = classpath != null ? classpath : Classpath.ofRunningJvm();
      ProjectModules modules = modules(jvmClasspath);
      return new AutoReloader(this, jvmClasspath, modules, allRoots(modules));
    }

    /** The project's modules, read from the class path around the module under test. */
    private ProjectModules modules(List<Path> classpath) {
      Path module = moduleDirectory != null ? moduleDirectory
          : discover ? Path.of("").toAbsolutePath() : roots.isEmpty() ? null : roots.get(0);
      return ProjectModules.discover(module, classpath);
    }

    /** The roots given, then, when discovering, those found; each once. */
    private List<Path> allRoots(ProjectModules modules) {
      Set<Path> all = new LinkedHashSet<>(roots);
      if (discover) {
        all.addAll(modules.defaultRoots());
      }
      if (all.isEmpty()) {
        throw new IllegalArgumentException("no source root found: no Maven or Gradle module with Java sources at "
            + (moduleDirectory != null ? moduleDirectory : Path.of("").toAbsolutePath())
            + " or on the class path; name the directories to watch");
      }
      return List.copyOf(all);
    }
  }
}
