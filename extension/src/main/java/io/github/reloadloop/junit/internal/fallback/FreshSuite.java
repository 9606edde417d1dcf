package io.github.reloadloop.junit.internal.fallback;

import io.github.reloadloop.junit.internal.rerun.RunResults;
import io.github.reloadloop.junit.internal.rerun.TestRerunner;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One nested launcher run in the fresh class loader of one reload generation, for the test classes of the
 * outer run still to come that reach a class that changed shape: discovered once (in the background, from
 * the reload on), then executed one class at a time, each when the outer run reaches it and waits for it.
 * The order, the console and the failure loop are those of a run per class, without a launcher run, a
 * discovery and an engine start per class.
 *
 * <p>The nested run holds back until the outer run asks for a class: before its first class, and after each
 * class ends, its thread waits in this run's listener. The loop's execution condition in the nested run
 * ({@link #admit}) then lets the class asked for run, and disables those the outer run went past. While a
 * class runs, the outer thread waits with the fresh loader's JVM-wide defaults installed, as for a run of
 * its own. A class this run cannot serve (not discovered yet, not in it, already passed, skipped by another
 * condition) gets a run of its own: the outer run never idles while a long list of classes is discovered.
 * A retired suite takes no more requests; closing it disables the classes still to come
 * and waits, on the outer thread and in the fresh world, for the run's end.
 */
final class FreshSuite implements AutoCloseable {

  /** Configuration parameter of the nested run: the id under which its conditions find it. */
  static final String KEY = "reload.loop.fresh-suite";

  private static final Map<String, FreshSuite> OPEN = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 50;

  private final String id = UUID.randomUUID().toString();
  private final int generation;
  private final ClassLoader loader;
  private final TestRerunner rerunner;
  private final Supplier<List<String>> classes;
  private final RunResults results = new RunResults();
  // Guarded by this.
  private TestRerunner.Running running;
  private Map<String, Integer> positions;
  private int passed = -1;
  private String requested;
  private final Set<String> ended = new HashSet<>();
  private final Set<String> admitted = new HashSet<>();
  private boolean discovered;
  private boolean retired;
  private boolean closed;

  /**
   * @param classes the unique ids of the top-level test classes to run, in the outer run's order (worked
   *     out on the nested run's thread)
   */
  FreshSuite(int generation, ClassLoader loader, TestRerunner rerunner, Supplier<List<String>> classes) {
    this.generation = generation;
    this.loader = loader;
    this.rerunner = rerunner;
    this.classes = classes;
  }

  int generation() {
    return generation;
  }

  ClassLoader loader() {
    return loader;
  }

  /** Starts the nested run: it lists and discovers its classes, then waits for the first request. */
  synchronized FreshSuite start() {
    OPEN.put(id, this);
    running = rerunner.start(this::list, loader, Map.of(KEY, id), results, new Gate());
    return this;
  }

  private List<String> list() {
    List<String> ids = classes.get();
    Map<String, Integer> listed = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      listed.put(ids.get(i), i);
    }
    synchronized (this) {
      positions = listed;
      notifyAll();
    }
    return ids;
  }

  /**
   * Runs the class with {@code classId} in this run and waits for it with the fresh loader's JVM-wide
   * defaults installed.
   *
   * @return what the class did, or empty when this run cannot serve it (it needs a run of its own)
   */
  Optional<RunResults> run(String classId) throws InterruptedException {
    if (!servable(classId)) {
      return Optional.empty();
    }
    rerunner.inWorldOf(loader, () -> {
      request(classId);
      awaitEnd(classId);
      return null;
    });
    synchronized (this) {
      requested = null;
      return ended.contains(classId) && admitted.contains(classId)
          ? Optional.of(results.within(UniqueId.parse(classId))) : Optional.empty();
    }
  }

  /**
   * Whether this run can take the class now: it is discovered (a class that comes before that runs on its
   * own instead of waiting: the discovery goes on meanwhile), has the class, and has not passed it.
   */
  private synchronized boolean servable(String classId) {
    Integer position = discovered ? positions.get(classId) : null;
    return position != null && !retired && position > passed && !running.ended();
  }

  private synchronized void request(String classId) {
    requested = classId;
    notifyAll();
  }

  private synchronized void awaitEnd(String classId) throws InterruptedException {
    while (!ended.contains(classId) && !running.ended()) {
      wait(POLL_MILLIS);
    }
  }

  /**
   * The loop's execution condition in a nested run: a top-level class of a fresh suite runs when the outer
   * run asked for it, and is disabled when the outer run went past it; anything else is enabled.
   */
  static ConditionEvaluationResult admit(ExtensionContext context) throws InterruptedException {
    Optional<String> suiteId = isTopLevelClass(context) ? context.getConfigurationParameter(KEY) : Optional.empty();
    if (suiteId.isEmpty()) {
      return ConditionEvaluationResult.enabled("reload-loop is off");
    }
    FreshSuite suite = OPEN.get(suiteId.get());
    return suite == null ? ConditionEvaluationResult.disabled("its run in a fresh class loader is over")
        : suite.turnOf(context.getUniqueId());
  }

  /** Whether the context is a top-level test class's (its parent is the engine's). */
  static boolean isTopLevelClass(ExtensionContext context) {
    return context.getTestMethod().isEmpty()
        && context.getParent().map(parent -> parent.getParent().isEmpty()).orElse(false);
  }

  private synchronized ConditionEvaluationResult turnOf(String classId) throws InterruptedException {
    if (positions == null || !positions.containsKey(classId)) {
      return ConditionEvaluationResult.enabled("not one of the fresh suite's classes");
    }
    awaitRequest(null);
    if (!closed && classId.equals(requested)) {
      admitted.add(classId);
      return ConditionEvaluationResult.enabled("the outer run asked for it");
    }
    return ConditionEvaluationResult.disabled("not needed in this fresh class loader: the outer run went past it");
  }

  /** On the nested run's thread: waits until the outer run asks for a class other than {@code done}, or closing. */
  private void awaitRequest(String done) throws InterruptedException {
    while (!closed && (requested == null || requested.equals(done))) {
      wait();
    }
  }

  /**
   * The nested run's listener: passes events on to the results, holds the run before its first class and
   * after each class until the next request, and marks classes ended.
   */
  private final class Gate implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      results.testPlanExecutionStarted(testPlan);
      synchronized (FreshSuite.this) {
        discovered = true;
        holdUntilRequested(null);
      }
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
      String classId = identifier.getUniqueId();
      synchronized (FreshSuite.this) {
        if (positions.containsKey(classId) && !admitted.contains(classId)) {
          // Only if the loop's condition was not consulted (it always is where the loop is registered):
          // a class never starts unasked for while the outer run goes on.
          while (!closed && !classId.equals(requested)) {
            holdUntilRequested(requested);
          }
          admitted.add(classId);
        }
      }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
      results.executionSkipped(identifier, reason);
      classEnded(identifier.getUniqueId());
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
      results.executionFinished(identifier, result);
      classEnded(identifier.getUniqueId());
    }

    private void classEnded(String classId) {
      synchronized (FreshSuite.this) {
        Integer position = positions.get(classId);
        if (position == null) {
          return;
        }
        ended.add(classId);
        passed = Math.max(passed, position);
        FreshSuite.this.notifyAll();
        holdUntilRequested(classId);
      }
    }

    private void holdUntilRequested(String done) {
      try {
        awaitRequest(done);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Takes no more requests; the run stays held until {@link #close}. */
  synchronized void retire() {
    retired = true;
    notifyAll();
  }

  /**
   * Disables the classes still to come and waits for the nested run's end, with the fresh loader's
   * defaults installed (their classes are prepared before they are disabled). Call it on the outer run's
   * thread, between tests.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      retired = true;
      closed = true;
      OPEN.remove(id);
      notifyAll();
    }
    try {
      rerunner.inWorldOf(loader, running::join);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | LinkageError e) {
      System.err.println("reload-loop: the run in a fresh class loader ended with " + e);
    }
  }
}
