package io.github.reloadloop.core;

import io.github.reloadloop.core.api.ReloadStatus;
import io.github.reloadloop.core.internal.compile.PatchCompiler;
import io.github.reloadloop.core.internal.overlay.Overlay;
import io.github.reloadloop.core.internal.project.OutsideRoots;
import io.github.reloadloop.core.internal.project.ProjectLayout;
import io.github.reloadloop.core.internal.project.ProjectModules;
import io.github.reloadloop.core.internal.redefine.Applier;
import io.github.reloadloop.core.internal.redefine.EnhancedRedefinition;
import io.github.reloadloop.core.internal.redefine.Planner;
import io.github.reloadloop.core.internal.redefine.RunningVersions;
import io.github.reloadloop.core.internal.watch.ChangeBatcher;
import io.github.reloadloop.core.internal.watch.SourceSnapshot;
import io.github.reloadloop.core.internal.watch.SourceWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * {@link #watch(Path...)} with no root, or {@link AutoReloaderBuilder#discoverSourceRoots()}, watches every module of the
 * project whose classes the JVM runs: the module in the working directory (or {@link AutoReloaderBuilder#moduleDirectory})
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
 * agent, {@code reload-loop-reload} compiles and applies batch after batch; {@code reload-loop-early-compile}
 * compiles an editor's save while the debounce waits, and hands the patch to the reload thread;
 * {@code reload-loop-warm-up} warms the compiler up (a save never waits for it: it compiles on a second
 * compiler while the warm-up holds the first). Listeners run on the reload thread. After its first compiles the
 * warm-up goes on only while the program is idle, as does {@code reload-loop-prepare}, which reads the classes
 * named by {@link #expectEdits}. {@link #close()} stops them; the reload thread ends the early
 * compile's thread, waiting for a compile in progress. This class only puts the reloader together: the
 * threads and their order are {@code ReloadScheduler}'s, one batch's path is {@code ReloadPipeline}'s.
 *
 * <h2>Limitations</h2>
 * A standard JVM swaps method bodies only; a class whose members, signatures or hierarchy change keeps its
 * old version and is reported as {@link RefusedClass} (a JVM with enhanced class redefinition swaps it).
 * Static initialisers do not run again. Annotation processors found on the classpath or the
 * {@linkplain AutoReloaderBuilder#processorPath processor path} run on every patch.
 *
 * @since 0.1.0
 */
public final class AutoReloader implements AutoCloseable {

  /** The longest a change waits while more keep arriving (a long burst is split into batches this long). */
  private static final Duration MAX_BATCH_DELAY = Duration.ofSeconds(1);

  private final ProjectLayout layout;
  private final ProjectModules modules;
  private final Listeners listener;
  private final ChangeBatcher batcher;
  private final SourceSnapshot snapshot;
  private final SavedFiles saves;
  private final SourceWatcher watcher;
  private final Overlay overlay;
  private final PatchCompiler compiler;
  private final ReloadState state = new ReloadState();
  private final boolean enhanced = EnhancedRedefinition.available();
  private final AgentConnection agent;
  private final Applier applier;
  private final ReloadScheduler scheduler;

  /** Whether it is {@linkplain AutoReloaderBuilder#startHeld() held}, until {@link #release()}. */
  private final AtomicBoolean held;

  AutoReloader(AutoReloaderBuilder.Settings settings, boolean held) {
    List<Path> roots = settings.roots();
    this.held = new AtomicBoolean(held);
    this.listener = new Listeners(settings.listeners(), held);
    this.modules = settings.modules();
    Map<Path, Path> outputs = new LinkedHashMap<>(settings.outputs());
    roots.forEach(root -> modules.classLocationOf(root).ifPresent(location -> outputs.putIfAbsent(root, location)));
    this.layout = new ProjectLayout(roots, outputs, settings.jvmClasspath());
    List<String> startWarnings = new ArrayList<>();
    this.overlay = Overlay.create(layout.classDirectories().values(), startWarnings::add);
    this.agent = held ? AgentConnection.deferred(listener) : AgentConnection.start(listener);
    this.compiler = new PatchCompiler(layout, overlay, settings.compiler(), settings.jvmClasspath(),
        settings.encoding(), settings.processorPath(), agent::loaded);
    RunningVersions running = RunningVersions.fromClassLoaders();
    this.applier = new Applier(agent::instrumentation, running, overlay);
    ReloadPipeline pipeline = new ReloadPipeline(compiler, new Planner(agent::instrumentation, enhanced, running),
        applier, state, listener);
    Duration longest = settings.debounce().multipliedBy(20);
    this.batcher = new ChangeBatcher(settings.debounce(),
        MAX_BATCH_DELAY.compareTo(longest) > 0 ? MAX_BATCH_DELAY : longest);
    this.snapshot = new SourceSnapshot(roots);
    this.saves = new SavedFiles(layout, batcher, snapshot, listener);
    this.watcher = settings.watching() ? new SourceWatcher(roots, modules.projectDirectory(),
        OutsideRoots::isPruned, saves::changed, listener::warning) : null;
    if (settings.changedSince() != null) {
      // Started after the program: saves made since it started count, so that none is missed. They are due
      // first, before any warm-up.
      snapshot.modifiedSince(settings.changedSince()).forEach((file, modified) -> {
        if (layout.newerThanClassFile(file, modified)) {
          batcher.add(file);
        }
      });
    }
    this.scheduler = new ReloadScheduler(batcher, compiler, pipeline, applier::prepare, snapshot::newest, listener,
        startWarnings, held, agent::awaitUsable);
    scheduler.start();
  }

  /**
   * Ends the hold of a reloader {@linkplain AutoReloaderBuilder#startHeld() started held}: the agent loads, the
   * warnings kept meanwhile are told, and the saves made since the reloader started (and those since
   * {@link AutoReloaderBuilder#changedSince}) are reloaded now, then each as it comes. Does nothing on a
   * reloader that is not held.
   *
   * @since 0.1.0
   */
  public void release() {
    if (held.compareAndSet(true, false)) {
      agent.begin();
      listener.release();
      scheduler.release();
    }
  }

  /** Whether it was {@linkplain AutoReloaderBuilder#startHeld() started held} and not {@linkplain #release() released}. */
  public boolean held() {
    return held.get();
  }

  /**
   * Starts watching {@code sourceRoots} with default settings; with none, the source roots of every project
   * module whose classes this JVM runs (see {@link AutoReloaderBuilder#discoverSourceRoots()}).
   *
   * @throws IllegalArgumentException if a root is not an existing directory (the message names it), or
   *     when none is given and none is found
   */
  public static AutoReloader watch(Path... sourceRoots) {
    return sourceRoots.length == 0 ? builder().discoverSourceRoots().start()
        : builder().sourceRoots(sourceRoots).start();
  }

  /** A builder for a reloader with options. */
  public static AutoReloaderBuilder builder() {
    return new AutoReloaderBuilder();
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
    if (scheduler.onReloadThread()) {
      throw new IllegalStateException("awaitPendingReloads cannot be called on the reload thread");
    }
    if (scheduler.stopped()) {
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
      saves.changed(absolute);
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
    scheduler.idle(idle);
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
    List<String> expected = new ArrayList<>();
    for (String name : classNames) {
      if (layout.classDirectories().values().stream()
          .anyMatch(directory -> Files.isRegularFile(ProjectLayout.classFile(directory, name)))) {
        expected.add(name);
      } else if (layout.holdsPackageOf(name)) {
        // A class of the project's packages with no class file: generated at run time (a proxy, a hidden
        // class). Never read; the status says so.
        applier.notPrepared(name, name.contains("/") ? "a hidden class: the JVM cannot retransform it"
            : "no class file: generated at run time");
      }
    }
    scheduler.expect(expected);
  }

  /** Saves whose patch was compiled during the debounce and used; for tests. */
  int earlyCompilesUsed() {
    return scheduler.earlyCompilesUsed();
  }

  /** Compiles started during the debounce and dropped (stale, overtaken or failed); for tests. */
  int earlyCompilesDropped() {
    return scheduler.earlyCompilesDropped();
  }

  /** The compiles of the first warm-up, once it is over (0 until then); for tests. */
  int firstWarmUpRounds() {
    return scheduler.firstWarmUpRounds();
  }

  /** How often the warm-up after the first one began compiling; for tests. */
  int keepWarmStarts() {
    return scheduler.keepWarmStarts();
  }

  /** How often the warm-up looked whether it may compile, after its pause following a batch; for tests. */
  int warmUpLooks() {
    return scheduler.warmUpLooks();
  }

  /** How often the preparing of expected classes looked whether it may go on; for tests. */
  int prepareLooks() {
    return scheduler.prepareLooks();
  }

  /** A snapshot of what has been reloaded and what is outstanding, put together from each stage's own. */
  public ReloadStatus status() {
    List<Path> roots = layout.sourceRoots();
    ReloadState.Snapshot reloads = state.snapshot();
    PatchCompiler.Status compiling = compiler.status();
    Map<Path, String> moduleNames = new LinkedHashMap<>();
    roots.forEach(root -> modules.moduleOf(root).ifPresent(name -> moduleNames.put(root, name)));
    return new ReloadStatus(roots, layout.classDirectories(), overlay.directories(), compiling.releases(),
        compiling.compiler(), agent.source(), enhanced, reloads.reloadedClasses(), reloads.reloads(),
        reloads.problems(), reloads.refused(), reloads.recentTimes(), moduleNames, modules.notWatched(roots),
        applier.prepared(), applier.notPrepared(), reloads.inPlace());
  }

  /**
   * Stops watching and reloading, releases the compilers' open jar files and removes the overlay
   * directories. Classes already redefined keep their new code. Waits a little for an agent load or a batch
   * in progress to end, so that neither leaves a file behind.
   */
  @Override
  public synchronized void close() {
    if (!scheduler.stop()) {
      return;
    }
    if (watcher != null) {
      watcher.close();
    }
    batcher.stop();
    agent.awaitLoad().forEach(listener::warning);
    scheduler.awaitEnd();
    overlay.close();
  }
}
