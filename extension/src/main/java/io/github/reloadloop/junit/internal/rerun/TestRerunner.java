package io.github.reloadloop.junit.internal.rerun;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs tests again, with their whole lifecycle ({@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach},
 * ...), in a nested launcher run selected by unique ids: one test (a {@code @ParameterizedTest} invocation, a
 * {@code @RepeatedTest} repetition, a {@code @Nested} or dynamic test), a whole class, or many. Each run
 * happens on a new thread of its own ({@link RerunThread}), never on the caller's, and only the Jupiter
 * engine takes part.
 */
public final class TestRerunner implements AutoCloseable {

  private static final String JUPITER = "junit-jupiter";

  private volatile Map<String, String> configuration;
  private final ClassLoader engines;
  private final Worlds worlds;
  /** Launcher sessions not in use: each keeps its engines and listeners, so a run does not load them again. */
  private final Queue<LauncherSession> idle = new ConcurrentLinkedQueue<>();

  /**
   * @param configuration configuration parameters for the nested run (it must not open a console)
   * @param engines the class loader through which the launcher finds engines and listeners: the tests'
   *     original one, never a fresh loader (whose copies of them would outlive it)
   * @param worlds the JVM-wide defaults of the class loader a run is in
   */
  public TestRerunner(Map<String, String> configuration, ClassLoader engines, Worlds worlds) {
    this.configuration = Map.copyOf(configuration);
    this.engines = engines;
    this.worlds = worlds;
  }

  /**
   * Adds the outer run's configuration parameters ({@code junit.jupiter.*} and those of users' extensions)
   * to the nested runs' own, so that a rerun is configured as the run it repeats; the nested runs' own win.
   */
  public void inherit(Map<String, String> outer) {
    Map<String, String> merged = new LinkedHashMap<>(outer);
    merged.putAll(configuration);
    configuration = Map.copyOf(merged);
  }

  /**
   * Reruns the test with {@code uniqueId} on a rerun thread whose context class loader is {@code loader}
   * (through which test and project classes are loaded), and waits for it.
   *
   * @throws InterruptedException when the waiting thread is interrupted (the rerun is interrupted too)
   */
  public RerunOutcome rerun(String uniqueId, ClassLoader loader) throws InterruptedException {
    try {
      RunResults results = run(List.of(uniqueId), loader);
      UniqueId id = UniqueId.parse(uniqueId);
      RerunOutcome outcome = outcome(results, id);
      return results.span(id).map(outcome::ran).orElse(outcome);
    } catch (RuntimeException | LinkageError e) {
      return new RerunOutcome(RerunOutcome.Status.FAILED, e, "the rerun itself failed: " + e);
    }
  }

  /**
   * Runs the tests and containers with these unique ids in one nested run on a rerun thread, and waits.
   * A failure of the run itself (not of a test) is thrown. The run sees the JVM-wide defaults of its class
   * loader's world ({@link Worlds}).
   */
  public RunResults run(List<String> uniqueIds, ClassLoader loader) throws InterruptedException {
    return inWorldOf(loader, () -> runOnRerunThread(uniqueIds, loader));
  }

  private RunResults runOnRerunThread(List<String> uniqueIds, ClassLoader loader) throws InterruptedException {
    RunResults results = new RunResults();
    return RerunThread.call(loader, () -> execute(uniqueIds, Map.of(), results, results));
  }

  /**
   * Starts a nested run of the tests and containers with these unique ids (worked out on the rerun thread)
   * on a rerun thread whose context class loader is {@code loader}, and returns at once. The caller decides when the run may go on (through
   * {@code listener} and the conditions it configures), and enters the fresh loader's JVM-wide defaults
   * ({@link #inWorldOf}) while tests run. {@link Running#join} waits for its end.
   *
   * @param parameters configuration parameters added to the nested runs' own
   * @param results what {@link Running#join} returns
   * @param listener the run's only listener, which passes every event on to {@code results} first (it may
   *     then hold the run's thread)
   */
  public Running start(Supplier<List<String>> uniqueIds, ClassLoader loader, Map<String, String> parameters,
      RunResults results, TestExecutionListener listener) {
    return new Running(RerunThread.start(loader, () -> execute(uniqueIds.get(), parameters, results, listener)));
  }

  /**
   * Opens a launcher session for the reruns and discovers the test with {@code uniqueId} once, on a daemon
   * thread, and returns at once: nothing runs, but the first rerun finds the session open and the
   * discovery code loaded and compiled. A rerun that starts meanwhile takes a session of its own.
   */
  public void warmUp(String uniqueId, ClassLoader loader) {
    RerunThread.start(loader, () -> {
      LauncherSession session = openSession();
      try {
        session.getLauncher().discover(request(List.of(uniqueId), Map.of()));
      } finally {
        idle.add(session);
      }
      return null;
    });
  }

  private LauncherDiscoveryRequest request(List<String> uniqueIds, Map<String, String> parameters) {
    Map<String, String> all = new HashMap<>(configuration);
    all.putAll(parameters);
    return LauncherDiscoveryRequestBuilder.request()
        .selectors(uniqueIds.stream().map(id -> selectUniqueId(id)).toList())
        .filters(includeEngines(JUPITER))
        .configurationParameters(all)
        .build();
  }

  private RunResults execute(List<String> uniqueIds, Map<String, String> parameters, RunResults results,
      TestExecutionListener listener) {
    if (uniqueIds.isEmpty()) {
      return results;
    }
    LauncherDiscoveryRequest request = request(uniqueIds, parameters);
    LauncherSession session = idle.poll();
    if (session == null) {
      session = openSession();
    }
    try {
      session.getLauncher().execute(request, listener);
    } finally {
      idle.add(session);
    }
    return results;
  }

  /** A nested run under way on its rerun thread. */
  public static final class Running {

    private final RerunThread.Started<RunResults> started;

    private Running(RerunThread.Started<RunResults> started) {
      this.started = started;
    }

    /** Waits for the end of the run; a failure of the run itself (not of a test) is thrown. */
    public RunResults join() throws InterruptedException {
      return started.join();
    }

    /** Whether the run has ended. */
    public boolean ended() {
      return started.task().isDone();
    }
  }

  /**
   * Runs {@code work} on this thread with the JVM-wide defaults of {@code loader}'s world installed
   * ({@link Worlds}), the original world's back after. Unchecked exceptions and errors of {@code work} come
   * through as they are; a checked one other than an interrupt, wrapped.
   */
  public <T> T inWorldOf(ClassLoader loader, Callable<T> work) throws InterruptedException {
    try {
      return worlds.inWorldOf(loader, work);
    } catch (InterruptedException | RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private LauncherSession openSession() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(engines);
    try {
      return LauncherFactory.openSession();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Closes the launcher sessions and forgets what it kept of fresh class loaders, so that they can be collected. */
  @Override
  public void close() {
    worlds.forget();
    for (LauncherSession session = idle.poll(); session != null; session = idle.poll()) {
      session.close();
    }
  }

  /** How the test with {@code id} went in {@code results}, a failing container above it counted as its failure. */
  public static RerunOutcome outcome(RunResults results, UniqueId id) {
    var own = results.outcome(id);
    var container = results.failedContainerAbove(id);
    if (own.isEmpty() || own.get().result() == null) {
      if (container.isPresent() && container.get().result() != null) {
        return failedOrAborted(container.get().result());
      }
      String skipped = own.map(RunResults.Outcome::skipReason)
          .or(() -> container.map(RunResults.Outcome::skipReason)).orElse(null);
      return skipped != null
          ? new RerunOutcome(RerunOutcome.Status.ABORTED, null, "the rerun was skipped: " + skipped)
          : new RerunOutcome(RerunOutcome.Status.NOT_FOUND, null, "the test was not found again (" + id
              + "); was it renamed or removed? Type skip to go on");
    }
    TestExecutionResult result = own.get().result();
    if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      return container.isPresent() && container.get().result() != null
          ? failedOrAborted(container.get().result()) : RerunOutcome.passed();
    }
    return failedOrAborted(result);
  }

  private static RerunOutcome failedOrAborted(TestExecutionResult result) {
    RerunOutcome.Status status = result.getStatus() == TestExecutionResult.Status.ABORTED
        ? RerunOutcome.Status.ABORTED : RerunOutcome.Status.FAILED;
    return new RerunOutcome(status, result.getThrowable().orElse(null), null);
  }
}
