package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.assertj.core.api.Condition;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.ExecutionRecorder;

/**
 * Runs tests through a real launcher, with every engine on the class path (Jupiter, then reload-loop's
 * end-of-run engine) as Surefire does, and records its events as the engine test kit does, so that tests
 * assert them with the kit's conditions ({@code event(test("adds"), finishedSuccessfully())}).
 */
final class LauncherRecorder implements TestExecutionListener {

  private final ExecutionRecorder recorder = new ExecutionRecorder();
  private final Map<UniqueId, TestDescriptor> descriptors = new ConcurrentHashMap<>();

  /** Runs the selected tests with these configuration parameters and returns every engine's events. */
  static EngineExecutionResults run(List<DiscoverySelector> selectors, Map<String, String> parameters) {
    LauncherRecorder listener = new LauncherRecorder();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectors)
        .configurationParameters(parameters)
        .build(), listener);
    return listener.recorder.getExecutionResults();
  }

  /** An event of the reload-loop engine: a result reported after Jupiter's run (fresh loader, revalidation). */
  static Condition<Event> reportedByReloadLoop() {
    return new Condition<>(event -> event.getTestDescriptor().getUniqueId().getEngineId()
        .filter("reload-loop"::equals).isPresent(), "reported by the reload-loop engine");
  }

  /** An event of Jupiter's own run: a result reported in place, under the test's own identity. */
  static Condition<Event> reportedByJupiter() {
    return new Condition<>(event -> event.getTestDescriptor().getUniqueId().getEngineId()
        .filter("junit-jupiter"::equals).isPresent(), "reported by Jupiter's own run");
  }

  /**
   * Checks that the run reads like a plain run: every test reported once, by Jupiter, nothing skipped, no
   * test or container of the reload-loop engine.
   */
  static void assertReportedLikeAPlainRun(EngineExecutionResults results) {
    results.allEvents().assertThatEvents().as("nothing skipped")
        .noneMatch(event -> event.getType() == EventType.SKIPPED);
    results.allEvents().assertThatEvents().as("nothing reported by the reload-loop engine but its root")
        .noneMatch(event -> event.getTestDescriptor().getUniqueId().getEngineId().filter("reload-loop"::equals)
            .isPresent() && event.getTestDescriptor().getUniqueId().getSegments().size() > 1);
    java.util.Map<UniqueId, Long> finished = new java.util.HashMap<>();
    results.testEvents().finished().stream()
        .forEach(event -> finished.merge(event.getTestDescriptor().getUniqueId(), 1L, Long::sum));
    assertThat(finished).as("each test finished once").allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
  }

  /**
   * How each test and container of the run ended, by unique id: {@code SKIPPED} or the status it finished
   * with; a test reported twice would keep its last.
   */
  static Map<String, String> outcomes(EngineExecutionResults results) {
    Map<String, String> outcomes = new java.util.TreeMap<>();
    results.allEvents().stream().forEach(event -> {
      if (event.getType() == EventType.SKIPPED) {
        outcomes.put(event.getTestDescriptor().getUniqueId().toString(), "SKIPPED");
      } else if (event.getType() == EventType.FINISHED) {
        outcomes.put(event.getTestDescriptor().getUniqueId().toString(),
            event.getPayload(TestExecutionResult.class).map(r -> r.getStatus().name()).orElse("?"));
      }
    });
    return outcomes;
  }

  /** A container of Jupiter's own run whose unique id names this class. */
  static Condition<Event> container(String simpleClassName) {
    return new Condition<>(event -> event.getTestDescriptor().isContainer()
        && event.getTestDescriptor().getUniqueId().getEngineId().filter("junit-jupiter"::equals).isPresent()
        && event.getTestDescriptor().getUniqueId().toString().endsWith("." + simpleClassName + "]"),
        "Jupiter's container of " + simpleClassName);
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    testPlan.getRoots().forEach(root -> register(testPlan, root));
  }

  private void register(TestPlan plan, TestIdentifier identifier) {
    descriptor(identifier);
    plan.getChildren(identifier).forEach(child -> register(plan, child));
  }

  @Override
  public void dynamicTestRegistered(TestIdentifier identifier) {
    recorder.dynamicTestRegistered(descriptor(identifier));
  }

  @Override
  public void executionSkipped(TestIdentifier identifier, String reason) {
    recorder.executionSkipped(descriptor(identifier), reason);
  }

  @Override
  public void executionStarted(TestIdentifier identifier) {
    recorder.executionStarted(descriptor(identifier));
  }

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    recorder.executionFinished(descriptor(identifier), result);
  }

  @Override
  public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
    recorder.reportingEntryPublished(descriptor(identifier), entry);
  }

  private TestDescriptor descriptor(TestIdentifier identifier) {
    return descriptors.computeIfAbsent(identifier.getUniqueIdObject(), id -> new Recorded(identifier));
  }

  /** A test identifier seen as the descriptor the kit's event conditions inspect. */
  private static final class Recorded extends AbstractTestDescriptor {
    private final TestIdentifier identifier;

    Recorded(TestIdentifier identifier) {
      super(identifier.getUniqueIdObject(), identifier.getDisplayName(), identifier.getSource().orElse(null));
      this.identifier = identifier;
    }

    @Override
    public Type getType() {
      return identifier.getType();
    }

    @Override
    public String getLegacyReportingName() {
      return identifier.getLegacyReportingName();
    }

    @Override
    public Set<TestTag> getTags() {
      return identifier.getTags();
    }
  }
}
