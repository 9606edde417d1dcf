package io.github.reloadloop.junit.internal.platform;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The test plans of the launcher runs under way in this JVM, less the loop's own nested runs, so that the
 * loop knows which test classes a run will execute after the current one, in what order, and with which
 * configuration parameters (Jupiter's extensions see neither). Registered through {@code META-INF/services};
 * every launcher that auto-registers listeners (Surefire, Gradle, IDEs, the console launcher) loads it. A
 * run whose launcher does not (an {@code EngineTestKit} run) has no plan here, and the loop does without.
 */
public final class OuterPlans implements TestExecutionListener {

  /** Set by the loop on its nested runs, whose plans are not outer ones. */
  private static final String NESTED = "reload.loop.rerun";

  /** A running plan, and the top-level containers it has reached (started or skipped). */
  private record Running(TestPlan plan, Set<UniqueId> roots, Set<String> reached) {}

  private static final List<Running> RUNNING = new CopyOnWriteArrayList<>();

  private volatile Running own;

  /** Created by the launcher. */
  public OuterPlans() {
    // The plans are shared by every launcher of the JVM; an instance follows its own launcher's run.
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    if (!testPlan.getConfigurationParameters().getBoolean(NESTED).orElse(false)) {
      Set<UniqueId> roots = new HashSet<>();
      testPlan.getRoots().forEach(root -> roots.add(root.getUniqueIdObject()));
      own = new Running(testPlan, roots, ConcurrentHashMap.newKeySet());
      RUNNING.add(own);
    }
  }

  @Override
  public void executionStarted(TestIdentifier identifier) {
    reached(identifier);
  }

  @Override
  public void executionSkipped(TestIdentifier identifier, String reason) {
    reached(identifier);
  }

  private void reached(TestIdentifier identifier) {
    Running running = own;
    if (running != null && identifier.getParentIdObject().filter(running.roots()::contains).isPresent()) {
      running.reached().add(identifier.getUniqueId());
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    RUNNING.removeIf(running -> running.plan() == testPlan);
    own = null;
  }

  /**
   * The outermost running plan that has a test or container with {@code uniqueId} (a launcher run that a
   * test starts has a plan too, but started later).
   */
  public static Optional<TestPlan> containing(UniqueId uniqueId) {
    for (Running running : RUNNING) {
      if (contains(running.plan(), uniqueId)) {
        return Optional.of(running.plan());
      }
    }
    return Optional.empty();
  }

  private static boolean contains(TestPlan plan, UniqueId uniqueId) {
    return find(plan, uniqueId).isPresent();
  }

  /** The test or container of {@code plan} with {@code uniqueId}, if the plan has it. */
  public static Optional<TestIdentifier> find(TestPlan plan, String uniqueId) {
    return find(plan, UniqueId.parse(uniqueId));
  }

  private static Optional<TestIdentifier> find(TestPlan plan, UniqueId uniqueId) {
    try {
      return Optional.ofNullable(plan.getTestIdentifier(uniqueId));
    } catch (RuntimeException notInPlan) {
      return Optional.empty();
    }
  }

  /**
   * The top-level containers of {@code plan} (test classes, for Jupiter) that its run has not reached yet
   * (neither started nor skipped), in the order the engine runs them; for a class whose execution condition
   * is being evaluated, that class and those after it.
   */
  public static List<TestIdentifier> upcoming(TestPlan plan) {
    Set<String> reached = RUNNING.stream().filter(running -> running.plan() == plan).findFirst()
        .map(Running::reached).orElse(Set.of());
    return plan.getRoots().stream().flatMap(engine -> plan.getChildren(engine).stream())
        .filter(child -> !reached.contains(child.getUniqueId())).toList();
  }

  /** The name of the class a test identifier stands for, when its source is a class. */
  public static Optional<String> className(TestIdentifier identifier) {
    return identifier.getSource().filter(ClassSource.class::isInstance)
        .map(source -> ((ClassSource) source).getClassName());
  }

  /**
   * The configuration parameters of {@code plan} that a nested run of some of its tests needs to behave as
   * they did: all of them but the platform's own ({@code junit.platform.*}: reports, output capture,
   * listeners), which belong to the outer run alone.
   */
  public static Map<String, String> inheritable(TestPlan plan) {
    ConfigurationParameters parameters = plan.getConfigurationParameters();
    Map<String, String> inherited = new LinkedHashMap<>();
    for (String key : parameters.keySet()) {
      if (!key.startsWith("junit.platform.")) {
        parameters.get(key).ifPresent(value -> inherited.put(key, value));
      }
    }
    return inherited;
  }
}
