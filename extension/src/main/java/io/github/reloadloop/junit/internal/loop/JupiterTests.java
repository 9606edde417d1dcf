package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.junit.internal.run.ChangeLog;
import io.github.reloadloop.junit.internal.run.Loaders;
import io.github.reloadloop.junit.internal.run.TestHistory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tests of Jupiter's own run, as the loop keeps them: which passed in a rerun (their original invocation
 * must not run again), and how each ended, in which reload generation and class loader ({@link TestHistory}).
 *
 * <p>Threading: test threads, any number at once.
 */
public final class JupiterTests {

  private final Set<String> passedByRerun = ConcurrentHashMap.newKeySet();
  private final TestHistory history;
  private final ChangeLog changes;
  private final Loaders loaders;

  JupiterTests(TestHistory history, ChangeLog changes, Loaders loaders) {
    this.history = history;
    this.changes = changes;
    this.loaders = loaders;
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

  /** How the tests below a class ended so far: {@code 3 passed}, {@code 2 passed, 1 failed}, {@code none ran}. */
  String summaryUnder(String containerId) {
    long passed = 0;
    long failed = 0;
    for (TestHistory.Entry entry : history.all()) {
      if (entry.uniqueId().startsWith(containerId + "/")) {
        if (entry.passed()) {
          passed++;
        } else {
          failed++;
        }
      }
    }
    return passed + failed == 0 ? "none ran" : passed + " passed" + (failed == 0 ? "" : ", " + failed + " failed");
  }

  /** Records how a test of Jupiter's own run ended. */
  public void record(String uniqueId, boolean passed, ExtensionContext context) {
    String testClass = FailureView.testClassOf(context);
    boolean fresh = passedByRerun(uniqueId) && loaders.forTest(testClass) != loaders.original();
    history.record(uniqueId, testClass, passed, changes.generation(), fresh);
  }
}
