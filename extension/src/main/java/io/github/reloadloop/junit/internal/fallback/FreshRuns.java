package io.github.reloadloop.junit.internal.fallback;

import io.github.reloadloop.junit.internal.graph.ClassGraph;
import io.github.reloadloop.junit.internal.platform.OuterPlans;
import io.github.reloadloop.junit.internal.rerun.RunResults;
import io.github.reloadloop.junit.internal.run.FailedTest;
import io.github.reloadloop.junit.internal.run.ReplayedRun;
import io.github.reloadloop.junit.internal.run.Resolution;
import io.github.reloadloop.junit.internal.run.RunContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * {@code @BeforeEach} all run against the new code, never against the old. Jupiter then executes the
 * original with everything of its own skipped, each test ending as it ended in the fresh loader
 * ({@link FreshOutcomes}), so that reports see each test once, with its real result. Tests that cannot reach
 * a stale class run as usual, in the original loader, where every other change was redefined in place.
 *
 * <p>A test class still to come runs in its reload's fresh suite ({@link FreshSuite}); the tests still to
 * come in the class that was running when the reload came run together, in one nested run.
 */
public final class FreshRuns {

  /** Jupiter's switch for parallel execution: then classes do not come one at a time. */
  private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

  private final RunContext run;
  private final Supplier<TestPlan> outerPlan;
  private final FreshOutcomes outcomes = new FreshOutcomes();
  private final FreshReport console;
  /** The current generation's suite, and older ones not closed yet (closing them is the outer thread's). */
  private FreshSuite suite;
  private final List<FreshSuite> retired = new ArrayList<>();

  /** @param outerPlan the outer launcher run's plan, or a supplier of {@code null} when it is not known */
  public FreshRuns(RunContext run, Supplier<TestPlan> outerPlan) {
    this.run = run;
    this.outerPlan = outerPlan;
    this.console = new FreshReport(run.report());
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

  /** What the fresh runs did, for Jupiter's execution of the original tests to report. */
  public FreshOutcomes outcomes() {
    return outcomes;
  }

  /**
   * The condition for a class, a nested class or a test: enabled when it reaches no stale class; otherwise
   * it runs in a fresh loader now (unless it did already, as part of a larger fresh run), and the original is
   * enabled to report what it did there, or disabled as it was there.
   */
  public ConditionEvaluationResult evaluate(ExtensionContext context) {
    if (!outcomes.isEmpty()) {
      String id = context.getUniqueId();
      if (outcomes.covers(id)) {
        return outcomes.condition(id);
      }
    }
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
    String why = "reaches " + String.join(", ", reached) + ", which changed shape";
    String reflective = reach.reflectiveVia().filter(via -> !reach.classes().containsAll(reached))
        .map(via -> why + ", through " + via + ", which looks classes up by name").orElse("");
    try {
      return runFresh(context, stale, reflective.isEmpty() ? why : reflective, reflective);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + context.getDisplayName()
          + " in a fresh class loader", e);
    }
  }

  private ConditionEvaluationResult runFresh(ExtensionContext context, Set<String> stale, String why,
      String reflective) throws InterruptedException {
    console.announce(stale);
    String id = context.getUniqueId();
    FreshSuite suite = suiteFor(context);
    Optional<RunResults> inSuite = suite == null ? Optional.empty() : suite.run(id);
    ClassLoader loader = inSuite.isPresent() ? suite.loader() : run.loaders().fresh();
    List<String> roots = inSuite.isPresent() ? List.of(id) : withSiblingsToCome(context, stale);
    String where = "a fresh class loader (" + loaderName(loader) + ")";
    RunResults results = inSuite.isPresent() ? inSuite.get() : run.rerunner().run(roots, loader);
    String note = "ran in " + where + " because it " + why;
    Tally tally = resolve(results, note);
    outcomes.keep(roots, results, tally.finals, note);
    reportNewTests(results, tally.finals, note);
    console.ran(topLevelClass(context), tally.passed, tally.failed, where, reflective);
    return outcomes.condition(id);
  }

  /**
   * Takes the tests of a class that ran whole in a fresh class loader after a fix of one of its phases
   * ({@code ClassLevel}) in place of their originals: a failed one enters the loop, each is recorded, and the
   * console counts them. Returns the note that says where they ran and why.
   *
   * @param classContext the class that ran there
   * @param why {@code reaches shop.Pricing, which changed shape, after ...}
   * @param replayed whether Jupiter's run of the original goes on and ends each test as it ended there (its own
   *     code skipped, as for a class that runs in a fresh loader before it starts); otherwise the original's
   *     tests end aborted and the end-of-run engine reports the fresh results under their names
   */
  public String serve(ExtensionContext classContext, RunResults results, ClassLoader loader, String why,
      boolean replayed) throws InterruptedException {
    String where = "a fresh class loader (" + loaderName(loader) + ")";
    String note = "ran in " + where + " because it " + why;
    Tally tally = resolve(results, note);
    if (replayed) {
      outcomes.keep(List.of(classContext.getUniqueId()), results, tally.finals, note);
      reportNewTests(results, tally.finals, note);
    } else {
      Set<UniqueId> all = new HashSet<>();
      results.tests().forEach(outcome -> all.add(outcome.identifier().getUniqueIdObject()));
      run.report().replayLater(new ReplayedRun(results, tally.finals, all, note));
    }
    console.ran(topLevelClass(classContext), tally.passed, tally.failed, where, why);
    return note;
  }

  /** How the tests of a fresh run ended, after the console: the results that stand instead, the counts. */
  private static final class Tally {
    final Map<UniqueId, TestExecutionResult> finals = new HashMap<>();
    int passed;
    final List<String> failed = new ArrayList<>();
  }

  /** Each test of a fresh run: a failure enters the loop while the loop is active; each is recorded. */
  private Tally resolve(RunResults results, String note) throws InterruptedException {
    Tally tally = new Tally();
    int generation = run.changes().generation();
    for (RunResults.Outcome outcome : results.tests()) {
      TestIdentifier test = outcome.identifier();
      boolean ok = outcome.passed();
      int ranAt = generation;
      if (outcome.failed() && run.failures().active()) {
        List<String> notes = new ArrayList<>(List.of(note));
        if (run.history().passedInOriginalLoader(test.getUniqueId())) {
          notes.add("passed earlier in this run against the original classes; this may be a class-loader effect");
        }
        Resolution resolution = run.failures().resolve(new FailedTest(test.getUniqueId(),
            RunResults.testClassOf(test), RunResults.displayPath(results.plan(), test), FailedTest.TEST,
            outcome.failure().orElse(null), notes));
        ok = resolution.passed();
        ranAt = run.changes().generation(); // Its last rerun ran against the code of now.
        tally.finals.put(test.getUniqueIdObject(), ok ? TestExecutionResult.successful()
            : TestExecutionResult.failed(resolution.latest()));
      }
      if (outcome.result() != null) {
        run.history().record(test.getUniqueId(), RunResults.testClassOf(test), ok, ranAt, true);
        if (ok) {
          tally.passed++;
        } else {
          tally.failed.add(RunResults.displayPath(results.plan(), test));
        }
      }
    }
    return tally;
  }

  /**
   * {@code context}'s unique id, then, when it is a test or a nested class, the outer run's plan is known and
   * runs one test at a time, the ids of its siblings still to come that reach a stale class too: the rest of
   * the class that was running when the reload came runs in one nested run, not one per test. A top-level
   * class that its reload's fresh suite cannot serve runs alone: the classes after it wait for their turn in
   * the outer run's order.
   */
  private List<String> withSiblingsToCome(ExtensionContext context, Set<String> stale) {
    String id = context.getUniqueId();
    TestPlan plan = outerPlan.get();
    if (plan == null || parallel(plan) || FreshSuite.isTopLevelClass(context)) {
      return List.of(id);
    }
    List<String> ids = new ArrayList<>(List.of(id));
    Optional<TestIdentifier> self = OuterPlans.find(plan, id);
    Optional<TestIdentifier> parent = self.flatMap(plan::getParent);
    if (parent.isEmpty()) {
      return ids;
    }
    boolean after = false;
    for (TestIdentifier sibling : plan.getChildren(parent.get())) {
      if (sibling.getUniqueId().equals(id)) {
        after = true;
      } else if (after && reaches(sibling, context, stale)) {
        ids.add(sibling.getUniqueId());
      }
    }
    return ids;
  }

  /** Whether a sibling reaches a stale class: a nested class by its own reach, anything else by its class's. */
  private boolean reaches(TestIdentifier sibling, ExtensionContext context, Set<String> stale) {
    String testClass = OuterPlans.className(sibling).orElse(context.getRequiredTestClass().getName());
    return run.graph().get().reach(List.of(testClass)).reachesAny(stale);
  }

  /**
   * Tests of a fresh run that the outer run's plan does not have (a test method a fix added): Jupiter has
   * no original to report them under, so the end-of-run engine reports them.
   */
  private void reportNewTests(RunResults results, Map<UniqueId, TestExecutionResult> finals, String note) {
    TestPlan plan = outerPlan.get();
    if (plan == null) {
      return;
    }
    Set<UniqueId> added = new HashSet<>();
    for (RunResults.Outcome outcome : results.tests()) {
      if (!isDynamic(outcome.identifier()) && OuterPlans.find(plan, outcome.identifier().getUniqueId()).isEmpty()) {
        added.add(outcome.identifier().getUniqueIdObject());
      }
    }
    if (!added.isEmpty()) {
      run.report().replayLater(new ReplayedRun(results, finals, added, note + "; the fix added it"));
    }
  }

  /** Whether a test was made as the run went (a dynamic test, an invocation of a template): not in any plan up front. */
  private static boolean isDynamic(TestIdentifier test) {
    return test.getUniqueIdObject().getSegments().stream().anyMatch(segment -> segment.getType().startsWith("dynamic-")
        || segment.getType().endsWith("-invocation"));
  }

  /** The top-level class of the test or container in {@code context}. */
  private static String topLevelClass(ExtensionContext context) {
    Class<?> type = context.getRequiredTestClass();
    while (type.getEnclosingClass() != null) {
      type = type.getEnclosingClass();
    }
    return type.getName();
  }

  /** At the end of the run: how many tests ran in a fresh class loader, in how many classes, and how they ended. */
  public void summarize() {
    console.summarize();
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
