package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.AutoReloaderBuilder;
import io.github.reloadloop.core.api.ReloadStatus;
import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.console.choice.ConsoleChoice;
import io.github.reloadloop.junit.internal.fallback.FreshOutcomes;
import io.github.reloadloop.junit.internal.fallback.FreshRuns;
import io.github.reloadloop.junit.internal.fallback.JvmGlobals;
import io.github.reloadloop.junit.internal.fallback.LoaderChoice;
import io.github.reloadloop.junit.internal.phase.SpringManagers;
import io.github.reloadloop.junit.internal.platform.OuterPlans;
import io.github.reloadloop.junit.internal.rerun.RerunOutcome;
import io.github.reloadloop.junit.internal.rerun.RunResults;
import io.github.reloadloop.junit.internal.rerun.TestRerunner;
import io.github.reloadloop.junit.internal.revalidation.Revalidation;
import io.github.reloadloop.junit.internal.revalidation.Verify;
import io.github.reloadloop.junit.internal.run.ChangeLog;
import io.github.reloadloop.junit.internal.run.FailedTest;
import io.github.reloadloop.junit.internal.run.Failures;
import io.github.reloadloop.junit.internal.run.ReplayedRun;
import io.github.reloadloop.junit.internal.run.Resolution;
import io.github.reloadloop.junit.internal.run.RunContext;
import io.github.reloadloop.junit.internal.run.RunReport;
import io.github.reloadloop.junit.internal.run.TestHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.TestPlan;

/**
 * Everything the loop keeps for one test run: the reloader on the source roots (started at the first
 * failure), the console (opened at the first failure), whose turn it is at the console, whether the user
 * aborted, the reloads so far and what each test did. It puts the features together and hands each the run's
 * state through narrow interfaces ({@link RunContext}): the fallback to fresh class loaders, revalidation and
 * {@code verify}, the console. Lives in Jupiter's root store and, when the end-of-run engine takes part, in
 * {@link RunRegistry} until that engine has reported.
 */
public final class LoopSession implements Failures, RunReport, AutoCloseable {

  private final LoopConfiguration configuration;
  private final String inactiveReason;
  private final SessionConsole console;
  private final LazyReloader reloader;
  private final FailedInstances failedInstances = FailedInstances.open(this::active);
  private final SpringManagers springManagers = SpringManagers.open();
  private final TestRerunner rerunner;
  private final ChangeLog changes = new ChangeLog();
  private final TestHistory history = new TestHistory();
  private final LoaderChoice loaders;
  private final JupiterTests tests;
  private final ProjectGraph graph;
  private final List<ReplayedRun> replays = new CopyOnWriteArrayList<>();
  private final FreshRuns freshRuns;
  private final Revalidation revalidation;
  private final Verify verify;
  private final RerunTiming timing = new RerunTiming();
  /** The outer launcher run's plan, when its launcher registers listeners ({@link OuterPlans}). */
  private volatile TestPlan outerPlan;
  private volatile boolean aborted;
  private volatile boolean closed;
  private volatile boolean autoRerun;
  private volatile boolean rerunWarmed;

  private LoopSession(LoopConfiguration configuration, ConsoleFactory consoleFactory, String inactiveReason,
      AutoReloaderBuilder settings, ClassLoader testLoader) {
    this.configuration = configuration;
    this.inactiveReason = inactiveReason;
    this.console = new SessionConsole(consoleFactory, LoopConfiguration.moduleDirectory());
    this.rerunner = new TestRerunner(Map.of(LoopConfiguration.RERUN, "true",
        FailedInstances.KEY, failedInstances.id(), SpringManagers.KEY, springManagers.id()), testLoader,
        new JvmGlobals());
    this.autoRerun = configuration.auto();
    this.graph = new ProjectGraph(this::projectLocations, LoaderChoice::notProject);
    this.loaders = new LoaderChoice(testLoader, changes, history, graph, this::reloaderStatus);
    this.tests = new JupiterTests(history, changes, loaders);
    RunContext run = new RunContext(changes, history, graph, rerunner, loaders, this, this);
    this.freshRuns = new FreshRuns(run, () -> outerPlan);
    this.revalidation = new Revalidation(run);
    this.verify = new Verify(run);
    ReloadEvents events = new ReloadEvents(this::reloader, changes, graph, freshRuns, this::autoRerun,
        console::ifOpen, console.reloadListener());
    this.reloader = new LazyReloader(settings == null ? null : events.register(settings.listener(timing)), started -> {
      // The run's JVM is idle only while the console waits at its prompt (Prompt): the compiler's warm-up
      // must not take the CPU from the tests that carry on.
      started.idle(false);
      graph.warm(outerPlan, () -> closed);
    });
  }

  /**
   * Starts the session for tests loaded through {@code testLoader} (the context class loader of the run's
   * test thread; reruns load them through it, or through a fresh loader below it): checks for a terminal;
   * without one, says so in one line and stays inactive. The reloader's compiler warms up two seconds from now
   * ({@value LoopConfiguration#WARM_UP}{@code =start}, held: no agent, nothing reloaded or printed) or from the
   * first failure ({@code failure}); the reloader is released when a test fails. Saves made since the JVM
   * started are not missed (see {@link #reloader()}).
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
    if (reason != null) {
      System.err.println("reload-loop: the loop is off, failures are reported normally: " + reason);
      return new LoopSession(configuration, factory, reason, null, testLoader);
    }
    LoopSession session = new LoopSession(configuration, factory, null, LazyReloader.settings(configuration),
        testLoader);
    if (!configuration.missingRoots().isEmpty()) {
      System.err.println("reload-loop: not watching missing directories " + configuration.missingRoots());
    }
    if (configuration.warmUpAtStart()) {
      session.reloader.warmUpAhead();
    }
    return session;
  }

  /** Whether failures enter the loop. */
  @Override
  public boolean active() {
    return inactiveReason == null && !reloader.failedToStart() && !aborted;
  }

  /** The tests of Jupiter's own run: which passed in a rerun, how each ended. */
  public JupiterTests tests() {
    return tests;
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

  /** Where the time of the last save and its rerun went ({@link LoopConfiguration#TIMING}). */
  RerunTiming timing() {
    return timing;
  }

  /**
   * The run's reloader, started or released on first use (the first failure), or {@code null} when the loop is off,
   * closed, or no source root was found (then the loop turns off, saying so). Started late, it still applies
   * first every source saved since the JVM started that is newer than its class file.
   */
  public AutoReloader reloader() {
    return reloader.get();
  }

  /** Where the class graph reads the project's classes: those of the fresh loaders, overlays first. */
  private List<Path> projectLocations() {
    return loaders.projectLocations();
  }

  /** The reloader's status, or {@code null} while none runs; never starts it. */
  private ReloadStatus reloaderStatus() {
    AutoReloader started = reloader.ifStarted();
    return started == null ? null : started.status();
  }

  ChangeLog changes() {
    return changes;
  }

  /** The test instances of failures, for the console's {@code fields} and {@code eval}. */
  FailedInstances failedInstances() {
    return failedInstances;
  }

  /** Spring's test context managers lent to the reruns of a failure ({@link SpringManagers}). */
  SpringManagers springManagers() {
    return springManagers;
  }

  /** Which class loader a test runs in. */
  LoaderChoice loaders() {
    return loaders;
  }

  /**
   * What tests that ran in a fresh class loader did, for Jupiter's execution of the originals to report
   * (empty while nothing ran in one).
   */
  public FreshOutcomes freshOutcomes() {
    return freshRuns.outcomes();
  }

  /** The execution condition for a class, nested class or test ({@link FreshRuns}). */
  public ConditionEvaluationResult conditionFor(ExtensionContext context) {
    return reloader.ifStarted() == null ? ConditionEvaluationResult.enabled("the loop is not active")
        : freshRuns.evaluate(context);
  }

  /** The run's console, and whose turn it is there. */
  SessionConsole console() {
    return console;
  }

  @Override
  public void show(Tone tone, String text) {
    console.show(tone, text);
  }

  /** Names to the reloader, in the background, the classes a fix for a failure of {@code testClass} edits. */
  void expectEditsNear(String testClass) {
    AutoReloader target = reloader.ifStarted();
    if (target != null) {
      graph.expectEditsNear(target, testClass);
    }
  }

  /** The source roots watched, or none when the loop is off. */
  List<Path> sourceRoots() {
    AutoReloader started = reloader.ifStarted();
    return started == null ? List.of() : started.status().sourceRoots();
  }

  /**
   * Tells the session the plan of the launcher run it belongs to: nested runs take its configuration
   * parameters, and runs in a fresh class loader know which classes come next.
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

  /** Classes whose newest version is not running in the original class loader, or an empty set. */
  public Set<String> staleClasses() {
    return changes.stale();
  }

  /** Reruns a test of {@code testClass} on a thread of its own, in the loader {@link #loaderFor} picks. */
  public RerunOutcome rerun(String uniqueId, String testClass) throws InterruptedException {
    return rerunner.rerun(uniqueId, loaders.forTest(testClass));
  }

  /** The class loader a test of {@code testClass} runs in now ({@link LoaderChoice#forTest}). */
  public ClassLoader loaderFor(String testClass) {
    return loaders.forTest(testClass);
  }

  /**
   * At the first failure, prepares the rerun while the developer reads it and edits: a launcher session
   * opened and the failed test discovered once, in the background ({@link TestRerunner#warmUp}). The first
   * rerun otherwise loads and compiles the launcher's discovery path (half a second in a fresh test JVM).
   */
  void warmRerun(String uniqueId, String testClass) {
    if (!rerunWarmed) {
      rerunWarmed = true;
      rerunner.warmUp(uniqueId, loaders.forTest(testClass));
    }
  }

  /**
   * Serves a class that ran in a fresh class loader after a fix of one of its phases in place of the original
   * ({@link FreshRuns#serve}); returns the note that says where it ran and why.
   */
  String serveFresh(ExtensionContext classContext, RunResults results, ClassLoader loader, String why,
      boolean replayed) throws InterruptedException {
    return freshRuns.serve(classContext, results, loader, why, replayed);
  }

  /** Runs tests or containers again in a nested run in {@code loader}. */
  RunResults runNested(List<String> uniqueIds, ClassLoader loader)
      throws InterruptedException {
    return rerunner.run(uniqueIds, loader);
  }

  /** {@code verify} at the console. */
  Verify verifier() {
    return verify;
  }

  /** A failure found by the fallback or revalidation: the console, as for any failure. */
  @Override
  public Resolution resolve(FailedTest test) throws InterruptedException {
    return new FailureLoop(this).resolve(test);
  }

  @Override
  public void replayLater(ReplayedRun run) {
    replays.add(run);
  }

  /**
   * The end of the run, after Jupiter's own events: sums up the tests that ran in a fresh class loader,
   * revalidates the tests that passed before a reload and reach a class changed since, then reports through
   * {@code reporter} what Jupiter's run could not (revalidation failures that stand, tests a fix added).
   */
  public void endOfRun(Consumer<ReplayedRun> reporter) throws InterruptedException {
    freshRuns.close(); // Jupiter's run is over: no class is still to come.
    freshRuns.summarize();
    if (reloader.ifStarted() != null) {
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
    springManagers.close();
    freshRuns.close();
    loaders.close();
    rerunner.close();
    reloader.close();
    console.close();
  }
}
