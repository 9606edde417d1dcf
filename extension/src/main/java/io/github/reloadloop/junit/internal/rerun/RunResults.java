package io.github.reloadloop.junit.internal.rerun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Everything a nested run did: its test tree (so that its results can be reported again elsewhere) and the
 * result of each test and container, in the order they finished. Filled in by the run, read afterwards.
 */
public final class RunResults implements TestExecutionListener {

  /** How one test or container ended: its result, or why it was skipped. */
  public record Outcome(TestIdentifier identifier, TestExecutionResult result, String skipReason) {

    public boolean passed() {
      return result != null && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
    }

    public boolean failed() {
      return result != null && result.getStatus() == TestExecutionResult.Status.FAILED;
    }

    public Optional<Throwable> failure() {
      return result == null ? Optional.empty() : result.getThrowable();
    }
  }

  private volatile TestPlan plan;
  private final Map<UniqueId, Outcome> outcomes = new ConcurrentHashMap<>();
  private final List<UniqueId> order = new ArrayList<>();
  /** When each test and container started ({@link System#nanoTime()}), for {@link #span}. */
  private final Map<UniqueId, Long> started = new ConcurrentHashMap<>();
  private final Map<UniqueId, Long> finished = new ConcurrentHashMap<>();

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
  }

  @Override
  public void executionStarted(TestIdentifier identifier) {
    started.put(identifier.getUniqueIdObject(), System.nanoTime());
  }

  @Override
  public void executionSkipped(TestIdentifier identifier, String reason) {
    record(new Outcome(identifier, null, reason));
  }

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    finished.put(identifier.getUniqueIdObject(), System.nanoTime());
    record(new Outcome(identifier, result, null));
  }

  private void record(Outcome outcome) {
    UniqueId id = outcome.identifier().getUniqueIdObject();
    outcomes.put(id, outcome);
    synchronized (order) {
      order.add(id);
    }
  }

  /**
   * What this run did at and below {@code container} so far: the same test tree, the outcomes of that
   * subtree only (a class of a longer run, reported on its own).
   */
  public RunResults within(UniqueId container) {
    RunResults part = new RunResults();
    part.plan = plan;
    synchronized (order) {
      for (UniqueId id : order) {
        if (id.hasPrefix(container)) {
          part.outcomes.put(id, outcomes.get(id));
          part.order.add(id);
        }
      }
    }
    return part;
  }

  /** When the test or container with this id started and finished, if it did both. */
  Optional<RerunOutcome.Span> span(UniqueId id) {
    Long start = started.get(id);
    Long end = finished.get(id);
    return start == null || end == null ? Optional.empty() : Optional.of(new RerunOutcome.Span(start, end));
  }

  /** The test tree of the run; {@code null} when the run never started (it failed before). */
  public TestPlan plan() {
    return plan;
  }

  /** The outcome of the test or container with this id, if it ran or was skipped. */
  public Optional<Outcome> outcome(UniqueId id) {
    return Optional.ofNullable(outcomes.get(id));
  }

  /** The outcomes of the tests and containers at and below {@code container}, in the order they ended. */
  public List<Outcome> outcomesBelow(UniqueId container) {
    List<Outcome> below = new ArrayList<>();
    synchronized (order) {
      for (UniqueId id : order) {
        if (id.hasPrefix(container)) {
          below.add(outcomes.get(id));
        }
      }
    }
    return below;
  }

  /** The outcomes of the tests (not containers), in the order they ended. */
  public List<Outcome> tests() {
    List<Outcome> tests = new ArrayList<>();
    synchronized (order) {
      for (UniqueId id : order) {
        Outcome outcome = outcomes.get(id);
        if (outcome.identifier().isTest()) {
          tests.add(outcome);
        }
      }
    }
    return tests;
  }

  /** The first container at or above {@code id} that did not succeed (a failing {@code @BeforeAll}). */
  public Optional<Outcome> failedContainerAbove(UniqueId id) {
    Map<UniqueId, Outcome> failed = new LinkedHashMap<>();
    outcomes.forEach((key, outcome) -> {
      if (outcome.identifier().isContainer() && id.hasPrefix(key) && outcome.result() != null
          && outcome.result().getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        failed.put(key, outcome);
      }
    });
    return failed.values().stream().min((a, b) -> Integer.compare(
        a.identifier().getUniqueIdObject().getSegments().size(), b.identifier().getUniqueIdObject().getSegments().size()));
  }

  /** {@code LedgerTest > adds()} from the class down to the test, as the plan of a nested run has it. */
  public static String displayPath(TestPlan plan, TestIdentifier test) {
    List<String> parts = new ArrayList<>();
    if (plan == null) {
      return test.getDisplayName();
    }
    for (Optional<TestIdentifier> at = Optional.of(test); at.isPresent() && at.get().getParentIdObject().isPresent();
        at = plan.getParent(at.get())) {
      parts.add(0, at.get().getDisplayName());
    }
    return String.join(" > ", parts);
  }

  /** The class that declares a test of a nested run, from its source, else its parent's. */
  public static String testClassOf(TestIdentifier test) {
    return test.getSource().map(source -> source instanceof MethodSource method ? method.getClassName()
        : source instanceof ClassSource type ? type.getClassName() : null).orElse("");
  }
}
