package io.github.reloadloop.junit.internal.fallback;

import static io.github.reloadloop.junit.internal.run.Words.plural;

import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.graph.ClassGraph;
import io.github.reloadloop.junit.internal.platform.OuterPlans;
import io.github.reloadloop.junit.internal.rerun.RunResults;
import io.github.reloadloop.junit.internal.run.FailedTest;
import io.github.reloadloop.junit.internal.run.ReplayedRun;
import io.github.reloadloop.junit.internal.run.Resolution;
import io.github.reloadloop.junit.internal.run.RunContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Runs in a fresh class loader the tests that must see a change the JVM refused to redefine. While some
 * class is stale (its newest version changed shape and runs only in a fresh loader), a test class, a
 * {@code @Nested} class or a test that can reach a stale class (through {@link ClassGraph}) is run, whole,
 * in a fresh class loader before Jupiter would start it: its {@code @BeforeAll}, constructor, extensions and
 * {@code @BeforeEach} all run against the new code, never against the old. Jupiter then skips the original,
 * and the end-of-run engine reports the fresh results under the original names. Tests that cannot reach a
 * stale class run as usual, in the original loader, where every other change was redefined in place.
 */
public final class FreshRuns {

  /** Jupiter's switch for parallel execution: then classes do not come one at a time. */
  private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

  private final RunContext run;
  private final Supplier<TestPlan> outerPlan;
  /** The current generation's suite, and older ones not closed yet (closing them is the outer thread's). */
  private FreshSuite suite;
  private final List<FreshSuite> retired = new ArrayList<>();

  /** @param outerPlan the outer launcher run's plan, or a supplier of {@code null} when it is not known */
  public FreshRuns(RunContext run, Supplier<TestPlan> outerPlan) {
    this.run = run;
    this.outerPlan = outerPlan;
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

  /**
   * The condition for a class, a nested class or a test: enabled when it reaches no stale class; otherwise
   * it has just run in a fresh loader, and the original is disabled with a reason that says so.
   */
  public ConditionEvaluationResult evaluate(ExtensionContext context) {
    Set<String> stale = run.changes().stale();
    Optional<Class<?>> testClass = context.getTestClass();
    if (stale.isEmpty() || testClass.isEmpty()) {
      return ConditionEvaluationResult.enabled("no class changed shape");
    }
    ClassGraph.Reach reach = run.graph().get().reach(List.of(testClass.get().getName()));
    Set<String> reached = new TreeSet<>(reach.reached(stale));
    if (reached.isEmpty()) {
      return ConditionEvaluationResult.enabled("reaches no class that changed shape");
    }
    String why = "reaches " + String.join(", ", reached) + ", which changed shape"
        + reach.reflectiveVia().filter(via -> !reach.classes().containsAll(reached))
            .map(via -> ", through " + via + ", which looks classes up by name").orElse("");
    try {
      return runFresh(context, why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + context.getDisplayName()
          + " in a fresh class loader", e);
    }
  }

  private ConditionEvaluationResult runFresh(ExtensionContext context, String why) throws InterruptedException {
    FreshSuite suite = suiteFor(context);
    Optional<RunResults> inSuite = suite == null ? Optional.empty() : suite.run(context.getUniqueId());
    ClassLoader loader = inSuite.isPresent() ? suite.loader() : run.loaders().fresh();
    RunResults results = inSuite.isPresent() ? inSuite.get()
        : run.rerunner().run(List.of(context.getUniqueId()), loader);
    String note = serve(context.getDisplayName(), results, loader, why);
    return ConditionEvaluationResult.disabled(note + "; its results are reported by the reload-loop engine");
  }

  /**
   * Takes the tests of a nested run in a fresh class loader in place of their originals: a failed one enters
   * the loop, each is recorded, the run is kept for the end-of-run engine to report under the original names,
   * and a line on the console says how they went. Returns the note that says where they ran and why.
   *
   * @param displayName what ran there: a class, a nested class or a test
   * @param why {@code reaches shop.Pricing, which changed shape}
   */
  public String serve(String displayName, RunResults results, ClassLoader loader, String why)
      throws InterruptedException {
    String where = "a fresh class loader (" + loaderName(loader) + ")";
    Map<UniqueId, TestExecutionResult> finals = new HashMap<>();
    int passed = 0;
    List<String> failed = new ArrayList<>();
    int generation = run.changes().generation();
    for (RunResults.Outcome outcome : results.tests()) {
      TestIdentifier test = outcome.identifier();
      boolean ok = outcome.passed();
      int ranAt = generation;
      if (outcome.failed() && run.failures().active()) {
        List<String> notes = new ArrayList<>(List.of("ran in " + where + " because it " + why));
        if (run.history().passedInOriginalLoader(test.getUniqueId())) {
          notes.add("passed earlier in this run against the original classes; this may be a class-loader effect");
        }
        Resolution resolution = run.failures().resolve(new FailedTest(test.getUniqueId(),
            RunResults.testClassOf(test), RunResults.displayPath(results.plan(), test), FailedTest.TEST,
            outcome.failure().orElse(null), notes));
        ok = resolution.passed();
        ranAt = run.changes().generation(); // Its last rerun ran against the code of now.
        finals.put(test.getUniqueIdObject(), ok ? TestExecutionResult.successful()
            : TestExecutionResult.failed(resolution.latest()));
      }
      if (outcome.result() != null) {
        run.history().record(test.getUniqueId(), RunResults.testClassOf(test), ok, ranAt, true);
        if (ok) {
          passed++;
        } else {
          failed.add(test.getDisplayName());
        }
      }
    }
    String note = "ran in " + where + " because it " + why;
    run.report().replayLater(new ReplayedRun(results, finals, note));
    run.report().show(failed.isEmpty() ? Tone.INFO : Tone.WARNING, displayName + ": "
        + plural(passed, "test") + " passed" + (failed.isEmpty() ? "" : ", " + failed.size() + " failed ("
        + String.join(", ", failed) + ")") + " in " + where + "; it " + why);
    return note;
  }

  /**
   * Starts, in the background, the fresh suite of a reload that left classes stale: the classes still to
   * come in the outer run that reach them are listed and discovered while the failed test's loop goes on.
   * On the reload thread; the previous generation's suite is retired, and closed later on the outer thread.
   */
  public synchronized void prepare(int generation) {
    TestPlan plan = outerPlan.get();
    if (plan == null || parallel(plan) || (suite != null && suite.generation() == generation)) {
      return;
    }
    if (suite != null) {
      suite.retire();
      retired.add(suite);
    }
    suite = new FreshSuite(generation, run.loaders().fresh(), run.rerunner(), () -> reaching(plan)).start();
  }

  /**
   * The fresh suite of this reload generation for a top-level test class (prepared at the reload, or started
   * now with this class and those after it); {@code null} when the outer run's plan is unknown, it runs
   * classes in parallel, or this is not a top-level class.
   */
  private synchronized FreshSuite suiteFor(ExtensionContext context) {
    TestPlan plan = outerPlan.get();
    if (plan == null || !FreshSuite.isTopLevelClass(context) || parallel(plan)) {
      return null;
    }
    closeRetired();
    int generation = run.changes().generation();
    if (suite != null && suite.generation() != generation) {
      suite.close();
      suite = null;
    }
    if (suite == null) {
      suite = new FreshSuite(generation, run.loaders().fresh(), run.rerunner(), () -> reaching(plan)).start();
    }
    return suite;
  }

  /** The unique ids of the classes still to come in the outer run that reach a stale class, in its order. */
  private List<String> reaching(TestPlan plan) {
    Set<String> stale = run.changes().stale();
    return OuterPlans.upcoming(plan).stream()
        .filter(type -> OuterPlans.className(type)
            .map(name -> run.graph().get().reach(List.of(name)).reachesAny(stale)).orElse(false))
        .map(TestIdentifier::getUniqueId).toList();
  }

  private static boolean parallel(TestPlan plan) {
    return plan.getConfigurationParameters().getBoolean(PARALLEL).orElse(false);
  }

  private void closeRetired() {
    retired.forEach(FreshSuite::close);
    retired.clear();
  }

  /** Ends the fresh suites: no class is still to come. On the outer run's thread. */
  public synchronized void close() {
    closeRetired();
    if (suite != null) {
      suite.close();
      suite = null;
    }
  }

  private static String loaderName(ClassLoader loader) {
    return loader.getName() == null ? loader.toString() : loader.getName();
  }
}
