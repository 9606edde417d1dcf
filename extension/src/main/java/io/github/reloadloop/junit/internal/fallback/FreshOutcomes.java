package io.github.reloadloop.junit.internal.fallback;

import io.github.reloadloop.junit.internal.rerun.RunResults;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.UriSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.TestAbortedException;

/**
 * What the tests that ran in a fresh class loader did, kept until Jupiter's own execution of the original
 * tests reports it. A class, nested class or test that must see a change the JVM refused runs in a fresh
 * loader first ({@link FreshRuns}); Jupiter then executes the original as usual, with everything of the
 * original's own skipped (constructor, lifecycle methods, test methods, test factories) and each test ending
 * with the result its fresh run had. So every report (Surefire, Gradle, an IDE) sees each test once, under
 * its own identity, with its real result, as in a plain run.
 *
 * <p>Kept under the unique ids of the fresh run, which are those of the original tests (a nested run
 * selects them by id). A <em>root</em> is what one fresh run was started for: every id at or below it is
 * covered. Roots are forgotten when the class they are in ends.
 *
 * <p>Threading: test threads, any number at once.
 */
public final class FreshOutcomes {

  /**
   * What one test or container did in its fresh run.
   *
   * @param result its result (the one that stands, after the console), or {@code null} when it was skipped
   * @param skipReason why it was skipped, or {@code null}
   * @param afterChildren for a container that failed: whether its tests ran before it failed (an
   *     {@code @AfterAll}), so that the failure is replayed after them, not instead of them
   * @param dynamicChildren for a test factory: the dynamic tests it made, as nodes that replay their results
   */
  record Kept(TestExecutionResult result, String skipReason, boolean afterChildren, List<DynamicNode> dynamicChildren) {}

  /** The note of each root, which every test below it publishes as a report entry. */
  private final Map<String, String> roots = new ConcurrentHashMap<>();
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /** Whether anything is kept: cheap, asked before every interception. */
  public boolean isEmpty() {
    return roots.isEmpty();
  }

  /**
   * Keeps what the fresh run {@code results} did at and below each of {@code rootIds}.
   *
   * @param finals for some tests, the result that stands instead of the fresh run's (fixed at the console)
   * @param note why they ran where they did, for the tests' report entries
   */
  void keep(Collection<String> rootIds, RunResults results, Map<UniqueId, TestExecutionResult> finals, String note) {
    TestPlan plan = results.plan();
    for (String root : rootIds) {
      UniqueId rootId = UniqueId.parse(root);
      for (RunResults.Outcome outcome : results.outcomesBelow(rootId)) {
        UniqueId id = outcome.identifier().getUniqueIdObject();
        TestExecutionResult result = finals.getOrDefault(id, outcome.result());
        boolean afterChildren = result != null && outcome.identifier().isContainer()
            && results.outcomesBelow(id).size() > 1;
        List<DynamicNode> dynamic = plan == null || !outcome.identifier().isContainer() ? List.of()
            : dynamicNodes(plan, outcome.identifier(), results, finals);
        kept.put(id.toString(), new Kept(result, result == null ? outcome.skipReason() : null, afterChildren, dynamic));
      }
      roots.put(root, note);
    }
  }

  /** Whether the test or container with {@code uniqueId} is at or below a root: its fresh run stands for it. */
  public boolean covers(String uniqueId) {
    return root(uniqueId).isPresent();
  }

  /** The note of the root above {@code uniqueId}. */
  public Optional<String> note(String uniqueId) {
    return root(uniqueId).map(roots::get);
  }

  private Optional<String> root(String uniqueId) {
    if (roots.isEmpty()) {
      return Optional.empty();
    }
    for (int end = uniqueId.length(); end > 0; end = uniqueId.lastIndexOf("/[", end - 1)) {
      String prefix = uniqueId.substring(0, end);
      if (roots.containsKey(prefix)) {
        return Optional.of(prefix);
      }
    }
    return Optional.empty();
  }

  /**
   * The execution condition of a covered test or container: enabled when its fresh run ran it (the original
   * then replays the result), disabled as it was there, or when the current code no longer has it.
   */
  public ConditionEvaluationResult condition(String uniqueId) {
    Kept own = kept.get(uniqueId);
    if (own == null) {
      return ConditionEvaluationResult.disabled("not in the current code: it did not run in the fresh class loader"
          + " that runs it now");
    }
    return own.result() == null ? ConditionEvaluationResult.disabled(own.skipReason())
        : ConditionEvaluationResult.enabled("ran in a fresh class loader; its result is reported here");
  }

  /** Ends the original test as its fresh run ended: returns when it passed, else throws what it threw. */
  public void replay(String uniqueId) {
    Kept own = kept.remove(uniqueId);
    if (own == null || own.result() == null) {
      throw new IllegalStateException("reload-loop kept no result of a fresh run for " + uniqueId);
    }
    rethrow(own.result());
  }

  /** Before a covered container's own tests: throws the failure its fresh run had there (an {@code @BeforeAll}). */
  public void beforeChildren(String uniqueId) {
    Kept own = kept.get(uniqueId);
    if (own != null && own.result() != null && !own.afterChildren()) {
      rethrow(own.result());
    }
  }

  /** After a covered container's tests: throws the failure its fresh run had then, and forgets the container. */
  public void afterChildren(String uniqueId) {
    Kept own = kept.remove(uniqueId);
    String below = uniqueId + "/";
    roots.keySet().removeIf(root -> root.equals(uniqueId) || root.startsWith(below));
    kept.keySet().removeIf(id -> id.startsWith(below));
    if (own != null && own.result() != null && own.afterChildren()) {
      rethrow(own.result());
    }
  }

  /** The dynamic tests a covered test factory made in its fresh run, which replay their results. */
  public Stream<DynamicNode> dynamicTests(String uniqueId) {
    Kept own = kept.remove(uniqueId);
    return own == null ? Stream.empty() : own.dynamicChildren().stream();
  }

  /**
   * An instance of a test class whose tests ran in a fresh class loader, made without running its constructor
   * or field initialisers (old code, which the fresh run stands for): as a serialisation library makes one,
   * through the JDK's {@code sun.reflect.ReflectionFactory} ({@code jdk.unsupported}). The class is
   * initialised, as for any instance. Other extensions may still post-process it (inject fields).
   */
  public static <T> T withoutConstructor(Class<T> type) throws ReflectiveOperationException {
    Class<?> factoryType = Class.forName("sun.reflect.ReflectionFactory");
    Object factory = factoryType.getMethod("getReflectionFactory").invoke(null);
    Constructor<?> allocator = (Constructor<?>) factoryType
        .getMethod("newConstructorForSerialization", Class.class, Constructor.class)
        .invoke(factory, type, Object.class.getDeclaredConstructor());
    return type.cast(allocator.newInstance());
  }

  private static void rethrow(TestExecutionResult result) {
    switch (result.getStatus()) {
      case SUCCESSFUL -> {
        // Passed: the original passes too.
      }
      case ABORTED -> throw unchecked(result.getThrowable()
          .orElseGet(() -> new TestAbortedException("aborted in a fresh class loader")));
      case FAILED -> throw unchecked(result.getThrowable()
          .orElseGet(() -> new AssertionError("failed in a fresh class loader")));
    }
  }

  /**
   * Throws {@code throwable} as it is, checked or not: the original reports exactly what the fresh run threw
   * (Jupiter's callbacks declare {@code Exception}, a test may throw any {@code Throwable}).
   */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T unchecked(Throwable throwable) throws T {
    throw (T) throwable;
  }

  /** The dynamic children of {@code parent} in the fresh run, as nodes that replay each one's result. */
  private static List<DynamicNode> dynamicNodes(TestPlan plan, TestIdentifier parent, RunResults results,
      Map<UniqueId, TestExecutionResult> finals) {
    List<DynamicNode> nodes = new ArrayList<>();
    for (TestIdentifier child : plan.getChildren(parent)) {
      List<UniqueId.Segment> segments = child.getUniqueIdObject().getSegments();
      if (!segments.get(segments.size() - 1).getType().startsWith("dynamic-")) {
        continue;
      }
      URI source = child.getSource().filter(UriSource.class::isInstance).map(s -> ((UriSource) s).getUri()).orElse(null);
      if (child.isContainer()) {
        nodes.add(DynamicContainer.dynamicContainer(child.getDisplayName(), source,
            dynamicNodes(plan, child, results, finals).stream()));
      } else {
        TestExecutionResult result = finals.getOrDefault(child.getUniqueIdObject(),
            results.outcome(child.getUniqueIdObject()).map(RunResults.Outcome::result).orElse(null));
        nodes.add(DynamicTest.dynamicTest(child.getDisplayName(), source, () -> {
          if (result == null) {
            throw new TestAbortedException("did not run in the fresh class loader");
          }
          rethrow(result);
        }));
      }
    }
    return nodes;
  }
}
