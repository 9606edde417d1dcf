package io.github.reloadloop.junit.loop;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.core.ReloadResult;
import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.console.choice.ConsoleChoice;
import io.github.reloadloop.junit.graph.ClassGraph;
import io.github.reloadloop.junit.platform.OuterPlans;
import io.github.reloadloop.junit.rerun.FreshClassLoader;
import io.github.reloadloop.junit.rerun.RerunOutcome;
import io.github.reloadloop.junit.rerun.TestRerunner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Everything the loop keeps for one test run: the reloader on the source roots, the console (opened at
 * the first failure), whose turn it is at the console, whether the user aborted, the reloads so far, what
 * each test did, and what must be reported after Jupiter's own events (tests run in a fresh class loader,
 * revalidated tests). Lives in Jupiter's root store and, when the end-of-run engine takes part, in
 * {@link RunRegistry} until that engine has reported.
 */
public final class LoopSession implements AutoCloseable {

  /** How many classes near a failing test class are prepared for their first reload. */
  private static final int NEAR_CLASSES = 32;

  private final LoopConfiguration configuration;
  private final ConsoleFactory consoleFactory;
  private final String inactiveReason;
  private final ConsoleReloadListener toConsole;
  /** What starts the reloader at the first failure; {@code null} when the loop is off. */
  private final AutoReloader.Builder reloaderBuilder;
  private volatile AutoReloader reloader;
  /** Why the reloader could not start (no source root found), or {@code null}. */
  private volatile String startFailure;
  private final ClassLoader originalLoader;
  private final ReentrantLock turn = new ReentrantLock(true);
  private final Set<String> passedByRerun = ConcurrentHashMap.newKeySet();
  private final FailedInstances failedInstances = FailedInstances.open(this::active);
  private final TestRerunner rerunner;
  private final ChangeLog changes = new ChangeLog();
  private final TestHistory history = new TestHistory();
  private final FreshLoaders freshLoaders;
  private final List<ReplayedRun> replays = new CopyOnWriteArrayList<>();
  private final FreshRuns freshRuns = new FreshRuns(this);
  private final Revalidation revalidation = new Revalidation(this);
  private volatile ClassGraph graph;
  /** The outer launcher run's plan, when its launcher registers listeners ({@link OuterPlans}). */
  private volatile TestPlan outerPlan;
  private volatile LoopConsole console;
  private volatile boolean aborted;
  private volatile boolean closed;
  private volatile boolean autoRerun;
  private volatile boolean rerunWarmed;
  /**
   * Set on the reload thread when a reload changed the code with auto-rerun on, until the wake-up after the
   * console showed it (same thread). Switching auto on later is FailureLoop's to notice.
   */
  private boolean wakeDue;

  private LoopSession(LoopConfiguration configuration, ConsoleFactory consoleFactory, String inactiveReason,
      AutoReloader.Builder reloader, ConsoleReloadListener toConsole, ClassLoader testLoader) {
    this.configuration = configuration;
    this.consoleFactory = consoleFactory;
    this.inactiveReason = inactiveReason;
    this.originalLoader = testLoader;
    this.rerunner = new TestRerunner(Map.of(LoopConfiguration.RERUN, "true",
        FailedInstances.KEY, failedInstances.id()), originalLoader);
    this.freshLoaders = new FreshLoaders(originalLoader);
    this.toConsole = toConsole;
    this.autoRerun = configuration.auto();
    // In this order: the change is recorded before the console shows it (so a command typed on seeing
    // "reloaded" sees it), and the auto-rerun starts after the line is shown.
    this.reloaderBuilder = reloader == null ? null : reloader.listener(new ReloadListener() {
      @Override
      public void reloaded(ReloadResult result) {
        onReload(result);
      }
    }).listener(toConsole).listener(new ReloadListener() {
      @Override
      public void reloaded(ReloadResult result) {
        wakeForAutoRerun();
      }
    });
  }

  /**
   * Starts the session: checks for a terminal; without one, says so in one line and stays inactive. The
   * reloader (agent, compiler warm-up, watcher) starts only when a test fails, so that a passing run does
   * not share the CPU with it; saves made since the JVM started are not missed (see {@link #reloader()}).
   */
  public static LoopSession start(LoopConfiguration configuration, Function<String, Optional<String>> parameters) {
    return start(configuration, parameters, Thread.currentThread().getContextClassLoader());
  }

  /**
   * Starts the session for tests loaded through {@code testLoader} (the context class loader of the run's
   * test thread; reruns load them through it, or through a fresh loader below it).
   */
  public static LoopSession start(LoopConfiguration configuration, Function<String, Optional<String>> parameters,
      ClassLoader testLoader) {
    ConsoleFactory factory = ConsoleChoice.factory(configuration.consoleFactory(), configuration.attachTimeout(),
        LoopConfiguration.moduleDirectory(), parameters);
    String reason = factory.unavailableReason();
    if (reason == null && configuration.sourceRoots().isEmpty() && !configuration.discover()) {
      reason = "no source directory found (" + LoopConfiguration.DIRS + "=" + configuration.missingRoots()
          + " relative to " + LoopConfiguration.moduleDirectory() + ")";
    }
    LoopSession[] self = new LoopSession[1];
    ConsoleReloadListener toConsole = new ConsoleReloadListener(() -> self[0] == null ? null : self[0].console,
        LoopConfiguration.moduleDirectory());
    if (reason != null) {
      System.err.println("reload-loop: the loop is off, failures are reported normally: " + reason);
      return new LoopSession(configuration, factory, reason, null, toConsole, testLoader);
    }
    self[0] = new LoopSession(configuration, factory, null, reloaderBuilder(configuration), toConsole,
        testLoader);
    if (!configuration.missingRoots().isEmpty()) {
      System.err.println("reload-loop: not watching missing directories " + configuration.missingRoots());
    }
    return self[0];
  }

  /**
   * The reloader's settings: the roots of {@value LoopConfiguration#DIRS}, or those found from the class path
   * around the module under test, and those of {@value LoopConfiguration#ADD_DIRS}.
   */
  private static AutoReloader.Builder reloaderBuilder(LoopConfiguration configuration) {
    AutoReloader.Builder builder = AutoReloader.builder()
        .moduleDirectory(LoopConfiguration.moduleDirectory())
        .sourceRoots(configuration.sourceRoots().toArray(Path[]::new))
        .compiler(configuration.compiler())
        .processorPath(configuration.processorPath())
        .reporter(ReloadListener.NONE)
        .changedSince(jvmStart());
    return configuration.discover() ? builder.discoverSourceRoots() : builder;
  }

  /** Whether failures enter the loop. */
  public boolean active() {
    return inactiveReason == null && startFailure == null && !aborted;
  }

  /** Whether any test passed in a rerun (cheap: asked for every test). */
  public boolean anyPassedByRerun() {
    return !passedByRerun.isEmpty();
  }

  /** Whether this test already passed in a rerun, so its original invocation must not run again. */
  public boolean passedByRerun(String uniqueId) {
    return passedByRerun.contains(uniqueId);
  }

  void markPassedByRerun(String uniqueId) {
    passedByRerun.add(uniqueId);
  }

  void abort() {
    aborted = true;
  }

  /** Whether a reload that applies reruns the failed test at once ({@code reload.auto}, {@code auto on|off}). */
  boolean autoRerun() {
    return autoRerun;
  }

  void autoRerun(boolean on) {
    autoRerun = on;
  }

  LoopConfiguration configuration() {
    return configuration;
  }

  /**
   * The run's reloader, started on first use (the first failure), or {@code null} when the loop is off,
   * closed, or no source root was found (then the loop turns off, saying so). Started late, it still applies first every source saved since the JVM started that is newer
   * than its class file.
   */
  public AutoReloader reloader() {
    AutoReloader started = reloader;
    if (started != null || reloaderBuilder == null) {
      return started;
    }
    synchronized (this) {
      if (reloader == null && !closed && startFailure == null) {
        try {
          reloader = reloaderBuilder.start();
          // The run's JVM is idle only while the console waits at its prompt (FailureLoop): the compiler's
          // warm-up must not take the CPU from the tests that carry on.
          reloader.idle(false);
          warmGraph();
        } catch (IllegalArgumentException e) {
          startFailure = e.getMessage(); // Discovery found no source root.
          System.err.println("reload-loop: the loop is off, failures are reported normally: " + startFailure);
        }
      }
      return reloader;
    }
  }

  /**
   * Reads, in the background, the class files that the outer run's classes still to come reach, so that
   * the first schema-changing reload finds the class graph built (a fresh suite lists its classes through
   * it) instead of reading the project's class files then.
   */
  private void warmGraph() {
    TestPlan plan = outerPlan;
    if (plan == null) {
      return;
    }
    Thread warm = new Thread(() -> {
      ClassGraph classes = graph();
      for (TestIdentifier type : OuterPlans.upcoming(plan)) {
        if (closed) {
          return;
        }
        OuterPlans.className(type).ifPresent(name -> classes.reach(List.of(name)));
      }
    }, "reload-loop-graph");
    warm.setDaemon(true);
    warm.start();
  }

  /** When this JVM started: a source saved after it may hold changes the loaded classes lack. */
  private static Instant jvmStart() {
    return ProcessHandle.current().info().startInstant()
        .orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
  }

  ReentrantLock turn() {
    return turn;
  }

  ChangeLog changes() {
    return changes;
  }

  TestHistory history() {
    return history;
  }

  /** The test instances of failures, for the console's {@code fields} and {@code eval}. */
  FailedInstances failedInstances() {
    return failedInstances;
  }

  TestRerunner rerunner() {
    return rerunner;
  }

  /**
   * The execution condition in a run without a session: in the loop's run of many classes in a fresh
   * class loader ({@link FreshSuite}), a class waits for its turn; elsewhere everything is enabled.
   */
  public static ConditionEvaluationResult conditionInNestedRun(ExtensionContext context) {
    try {
      return FreshSuite.admit(context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ConditionEvaluationResult.disabled("interrupted while waiting for its turn in a fresh class loader");
    }
  }

  /** The execution condition for a class, nested class or test ({@link FreshRuns}). */
  public ConditionEvaluationResult conditionFor(ExtensionContext context) {
    return reloader == null ? ConditionEvaluationResult.enabled("the loop is not active") : freshRuns.evaluate(context);
  }

  /** The class that declares the test of {@code context} (a dynamic test's is its factory's). */
  static String testClassOf(ExtensionContext context) {
    for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
      if (at.get().getTestClass().isPresent()) {
        return at.get().getTestClass().get().getName();
      }
    }
    return "";
  }

  /** Records how a test of Jupiter's own run ended. */
  public void recordResult(String uniqueId, boolean passed, ExtensionContext context) {
    String testClass = testClassOf(context);
    boolean fresh = passedByRerun(uniqueId) && loaderFor(testClass) != originalLoader;
    history.record(uniqueId, testClass, passed, changes.generation(), fresh);
  }

  /** The class loader the tests were loaded through when the run started. */
  ClassLoader originalLoader() {
    return originalLoader;
  }

  /** The console, opened on first use (then it shows what was reported while it was closed). */
  LoopConsole console() throws IOException {
    if (console == null) {
      console = consoleFactory.open();
      toConsole.showPending();
    }
    return console;
  }

  /** Shows a line on the console if it is open (nothing is shown before the first failure opened it). */
  void show(Tone tone, String text) {
    LoopConsole open = console;
    if (open != null) {
      open.println(tone, text);
    }
  }

  /**
   * Tells the reloader, in the background, which classes a fix for a failure of {@code testClass} most likely
   * edits besides those in the failure's stack trace: the project classes the test class reaches, nearest
   * first. An assertion that fails in the test names only the test in its stack trace, while the fix goes
   * into the class under test. Reading the class graph can take a moment in a big project; the console does
   * not wait for it.
   */
  void expectEditsNear(String testClass) {
    AutoReloader target = reloader;
    if (target == null) {
      return;
    }
    Thread near = new Thread(() -> {
      try {
        target.expectEdits(graph().nearest(testClass, NEAR_CLASSES));
      } catch (RuntimeException e) {
        // Only ahead-of-time work: the first reload of these classes does it itself.
      }
    }, "reload-loop-near");
    near.setDaemon(true);
    near.start();
  }

  /**
   * The project's class-dependency graph, read from the class directories and sibling modules' jars (newer
   * class files first).
   */
  ClassGraph graph() {
    ClassGraph known = graph;
    if (known == null) {
      synchronized (this) {
        if (graph == null) {
          graph = new ClassGraph(freshLoaders.entries(locations()), FreshClassLoader::alwaysFromParent);
        }
        known = graph;
      }
    }
    return known;
  }

  /** The reloader's class locations: overlays of newer class files, and the jars of sibling modules. */
  private FreshLoaders.Locations locations() {
    return reloader == null ? FreshLoaders.Locations.NONE : FreshLoaders.Locations.of(reloader.status());
  }

  /** The source roots watched, or none when the loop is off. */
  List<Path> sourceRoots() {
    return reloader == null ? List.of() : reloader.status().sourceRoots();
  }

  /** After a reload that changed the code and was shown: the failure at the console reruns (FailureLoop). */
  private void wakeForAutoRerun() {
    LoopConsole open = console;
    if (wakeDue && open != null) {
      open.wake();
    }
    wakeDue = false;
  }

  private void onReload(ReloadResult result) {
    AutoReloader source = reloader(); // Waits, on the reload thread, until reloader() has its value.
    if (source == null) {
      return; // Closed.
    }
    int before = changes.generation();
    changes.record(result, source.status().refused());
    wakeDue = autoRerun && changes.generation() > before; // Decided before the console shows the reload.
    ClassGraph known = graph;
    if (known != null) {
      List<String> changed = new ArrayList<>(result.redefinedClasses());
      changed.addAll(result.addedClasses());
      result.refused().forEach(r -> changed.add(r.className()));
      known.changed(changed);
    }
    if (changes.generation() > before && !changes.stale().isEmpty()) {
      freshRuns.prepare(changes.generation());
    }
  }

  /**
   * Tells the session the plan of the launcher run it belongs to: nested runs take its configuration
   * parameters, and runs in a fresh class loader know which classes come next ({@link FreshSuite}).
   *
   * @param plan the plan, or {@code null} when the launcher did not make it known
   */
  public LoopSession within(TestPlan plan) {
    if (plan != null) {
      outerPlan = plan;
      rerunner.inherit(OuterPlans.inheritable(plan));
    }
    return this;
  }

  /** The outer run's plan, or {@code null}. */
  TestPlan outerPlan() {
    return outerPlan;
  }

  /** Classes whose newest version is not running in the original class loader, or an empty set. */
  public Set<String> staleClasses() {
    return changes.stale();
  }

  /**
   * Reruns a test of {@code testClass} on a rerun thread of its own and waits for it, in the loader
   * {@link #loaderFor} picks.
   */
  public RerunOutcome rerun(String uniqueId, String testClass) throws InterruptedException {
    return rerunner.rerun(uniqueId, loaderFor(testClass));
  }

  /**
   * The class loader a test of {@code testClass} runs in now: a fresh one (one per reload) when it reaches
   * a class whose newest version could not be redefined, else the original one, where every other change
   * runs redefined in place.
   */
  public ClassLoader loaderFor(String testClass) {
    Set<String> stale = changes.stale();
    return stale.isEmpty() || !graph().reach(List.of(testClass)).reachesAny(stale) ? originalLoader
        : loaderForRerun();
  }

  /**
   * At the first failure, prepares the rerun while the developer reads it and edits: a launcher session
   * opened and the failed test discovered once, in the background ({@link TestRerunner#warmUp}). The first
   * rerun otherwise loads and compiles the launcher's discovery path (half a second in a fresh test JVM).
   */
  void warmRerun(String uniqueId, String testClass) {
    if (!rerunWarmed) {
      rerunWarmed = true;
      rerunner.warmUp(uniqueId, loaderFor(testClass));
    }
  }

  /** The fresh class loader of the current reload generation. */
  ClassLoader loaderForRerun() {
    return freshLoaders.current(changes.generation(), locations());
  }

  /** The stale classes a test of {@code testClass} reaches, or none: then it runs in the original loader. */
  Set<String> staleReachedBy(String testClass) {
    Set<String> stale = changes.stale();
    return stale.isEmpty() ? Set.of() : new java.util.TreeSet<>(graph().reach(List.of(testClass)).reached(stale));
  }

  /** Lines shown under a failure of this test: which loader it ran in, and what it passed against before. */
  List<String> notesFor(String uniqueId, String testClass) {
    Set<String> reached = staleReachedBy(testClass);
    if (reached.isEmpty()) {
      return List.of();
    }
    List<String> notes = new ArrayList<>();
    notes.add("ran in a fresh class loader (" + freshLoaders.currentName() + ") because it reaches "
        + String.join(", ", reached) + ", which changed shape");
    if (history.passedInOriginalLoader(uniqueId)) {
      notes.add("passed earlier in this run against the original classes; this may be a class-loader effect");
    }
    return notes;
  }

  /** What {@code status} shows: the reloader's state and the class loaders in use. */
  List<String> statusLines() {
    List<String> lines = new ArrayList<>(FailureLoop.statusLines(reloader().status()));
    lines.add("auto-rerun:     " + (autoRerun ? "on (each reload that applies reruns the failed test; auto off stops it)"
        : "off (continue reruns the failed test; auto on reruns it after each reload)"));
    lines.add("class loaders:  " + (changes.stale().isEmpty() ? "the original one (every change was redefined in place)"
        : "the original one for tests that reach no changed shape; " + freshLoaders.currentName()
            + " for the others and for reruns"));
    return lines;
  }

  /** Reruns now the tests of this run that reach a changed class, or all of them, and shows a summary. */
  void verify(LoopConsole console, boolean all) throws InterruptedException {
    revalidation.verify(console, all);
  }

  /** Keeps a nested run whose results the end-of-run engine reports under the original tests' names. */
  void replayLater(ReplayedRun run) {
    replays.add(run);
  }

  /**
   * The end of the run, after Jupiter's own events: revalidates the tests that passed before a reload and
   * reach a class changed since, then reports every nested run kept for it through {@code reporter}.
   */
  public void endOfRun(java.util.function.Consumer<ReplayedRun> reporter) throws InterruptedException {
    freshRuns.close(); // Jupiter's run is over: no class is still to come.
    if (reloader != null) {
      revalidation.atEndOfRun();
    }
    replays.forEach(reporter);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    failedInstances.close();
    freshRuns.close();
    freshLoaders.close();
    rerunner.close();
    if (reloader != null) {
      reloader.close();
    }
    if (console != null) {
      console.close();
    }
  }
}
