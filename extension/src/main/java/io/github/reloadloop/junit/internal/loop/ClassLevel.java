package io.github.reloadloop.junit.internal.loop;

import static io.github.reloadloop.junit.internal.run.Words.plural;

import io.github.reloadloop.junit.internal.examine.Subject;
import io.github.reloadloop.junit.internal.fallback.FreshOutcomes;
import io.github.reloadloop.junit.internal.phase.LifecycleCalls;
import io.github.reloadloop.junit.internal.phase.LifecycleCalls.Call;
import io.github.reloadloop.junit.internal.phase.SpringContexts;
import io.github.reloadloop.junit.internal.rerun.RerunOutcome;
import io.github.reloadloop.junit.internal.rerun.RunResults;
import io.github.reloadloop.junit.internal.run.FailedTest;
import io.github.reloadloop.junit.internal.run.Resolution;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.opentest4j.TestAbortedException;

/**
 * Failures around a test class's tests at the console: its {@code @BeforeAll} methods, its constructor, its
 * Spring context (loaded before the instance is made, {@link SpringContexts}), its {@code @AfterAll} methods,
 * and a test's {@code @AfterEach} method. Each is shown with the phase that failed, and a rerun redoes that
 * phase against the patched code where it failed (the method is called again, the instance made again, the
 * context loaded anew); once it passes, the class goes on as if nothing had failed. When the fix changed the
 * shape of a class that the test class reaches, the original class loader still runs the old version: the
 * rerun then runs the whole class in a fresh class loader, which serves it in place of the original (as for
 * a later class, {@code FreshRuns}): Jupiter's run of the original goes on with its own code skipped, each
 * test ending as it ended there. After a Spring context's fix, the original's tests end as run elsewhere
 * instead ({@link ServedElsewhere}): Spring's own extension would load the context that failed again for the
 * original's instance.
 *
 * <p>{@code skip} lets the failure stand as in a plain run: the class fails, and later failures of the same
 * class's phases, which follow from it, fail without stopping again. After-phases ({@code @AfterEach},
 * {@code @AfterAll}) stop only when what came before them passed; otherwise a plain run would report them
 * as suppressed by the earlier failure.
 *
 * <p>Threading: the thread that runs the class or test; the console as for any failure ({@link FailureLoop}).
 */
public final class ClassLevel {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClassLevel.class);
  /** Store key: a failure of the class's phases stands (skipped at the console, or not resolved). */
  private static final String STANDS = "stands";
  /**
   * Store key: the class ran in a fresh loader in place of the original, whose tests end as run elsewhere
   * ({@link Redo#CLASS_ELSEWHERE}); the value is the note.
   */
  private static final String SERVED = "served";

  private final LoopSession session;

  public ClassLevel(LoopSession session) {
    this.session = session;
  }

  /**
   * Whether a failure enters the loop at all: a failed assumption is not a failure to fix, and the JVM
   * being out of memory is no time to stop.
   */
  public static boolean loopable(Throwable failure) {
    return !(failure instanceof TestAbortedException || failure instanceof OutOfMemoryError);
  }

  /** Ends a test or class whose class ran whole elsewhere; does nothing otherwise. */
  public static void abortIfServed(ExtensionContext context) {
    String note = context.getStore(NAMESPACE).get(SERVED, String.class);
    if (note != null) {
      throw new ServedElsewhere(note);
    }
  }

  /** Whether the class of {@code context} ran whole elsewhere, so its own lifecycle must not run on. */
  public static boolean served(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(SERVED, String.class) != null;
  }

  /** A {@code @BeforeAll} method failed: redo it until it passes, then the class goes on. */
  public void beforeAll(ExtensionContext context, Throwable failure) throws Throwable {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<Call> call = LifecycleCalls.failed(context, BeforeAll.class, failure, testClass,
        context.getTestInstance().orElse(null));
    if (call.isEmpty() || !canCallAgain(call.get())) {
      throw failure; // Not one of the class's own @BeforeAll methods, or one Jupiter cannot resolve again.
    }
    loop(context, phase(call.get(), failure), failure, List.of(), Redo.CLASS, () -> {
      loadContextIfItFailed(testClass, failure);
      LifecycleCalls.callAgain(context, call.get());
      return null;
    });
  }

  /**
   * Before the test instance of {@code testClass} is made: a class that ran elsewhere ends here; a class
   * whose tests use Spring's test context gets it loaded now, so that a context that will not start stops at
   * the console as a phase of its own, and is loaded anew after each fix.
   */
  public void beforeInstance(Class<?> testClass, ExtensionContext context) throws Throwable {
    abortIfServed(context);
    if (stands(context) || !SpringContexts.takePart(testClass, context)) {
      return;
    }
    ExtensionContext scoped = scopedTo(testClass, context);
    try {
      SpringContexts.load(scoped);
    } catch (Throwable failure) {
      if (!loopable(failure)) {
        throw failure;
      }
      loop(scoped, "the Spring context", failure, List.of(), Redo.CLASS_ELSEWHERE, () -> {
        SpringContexts.loadAnew(testClass);
        return null;
      });
    }
  }

  /** Makes the test instance; when its constructor fails, makes it again after each fix until it passes. */
  @SuppressWarnings("unchecked")
  public <T> T construct(Invocation<T> invocation, ReflectiveInvocationContext<Constructor<T>> call,
      ExtensionContext context) throws Throwable {
    try {
      return invocation.proceed();
    } catch (Throwable failure) {
      if (!loopable(failure) || stands(context)) {
        throw failure;
      }
      Object[] made = new Object[1];
      ExtensionContext scoped = scopedTo(call.getExecutable().getDeclaringClass(), context);
      boolean inPlace = loop(scoped, "the constructor", failure, List.of(), Redo.CLASS, () -> {
        made[0] = newInstance(call);
        return null;
      });
      // Served by a fresh loader: the original's own code does not run again, its tests end as they did there.
      return inPlace ? (T) made[0] : (T) FreshOutcomes.withoutConstructor(call.getExecutable().getDeclaringClass());
    }
  }

  /**
   * An {@code @AfterEach} method failed after the test itself passed: calls it again on the test's instance
   * after each fix until it passes. One whose method cannot be told runs the whole test again, as before.
   */
  public void afterEach(ExtensionContext context, Throwable failure) throws Throwable {
    if (context.getExecutionException().isPresent()) {
      throw failure; // The test failed already and that failure stands; this one is suppressed by it.
    }
    if (session.tests().passedByRerun(context.getUniqueId())) {
      // The instance that failed before the rerun tears down here: rerun the whole test, as for a test.
      new FailureLoop(session).handle(context, failure, "@AfterEach");
      return;
    }
    Optional<Call> call = LifecycleCalls.failed(context, AfterEach.class, failure, context.getRequiredTestClass(),
        context.getTestInstance().orElse(null));
    if (call.isEmpty() || !canCallAgain(call.get())) {
      new FailureLoop(session).handle(context, failure, "@AfterEach");
      return;
    }
    loop(context, phase(call.get(), failure), failure,
        List.of("the test itself passed; the rerun calls " + call.get().label() + " again on its instance"),
        Redo.TEST, () -> {
          LifecycleCalls.callAgain(context, call.get());
          return null;
        });
  }

  /** An {@code @AfterAll} method failed after the class's tests ran: calls it again until it passes. */
  public void afterAll(ExtensionContext context, Throwable failure) throws Throwable {
    if (stands(context) || served(context) || context.getExecutionException().isPresent()) {
      throw failure; // An earlier failure of the class stands; this one is suppressed by it.
    }
    Optional<Call> call = LifecycleCalls.failed(context, AfterAll.class, failure, context.getRequiredTestClass(),
        context.getTestInstance().orElse(null));
    if (call.isEmpty() || !canCallAgain(call.get())) {
      throw failure;
    }
    loop(context, phase(call.get(), failure), failure,
        List.of("its tests ran before it: " + session.tests().summaryUnder(context.getUniqueId())),
        Redo.CLASS_AGAIN, () -> {
          LifecycleCalls.callAgain(context, call.get());
          return null;
        });
  }

  /** How a phase is redone when the fix changed a class's shape, so that the original loader runs old code. */
  private enum Redo {
    /**
     * The whole class runs in a fresh loader and serves in place of the original, whose own code is skipped
     * from then on and whose tests end as they ended there ({@code FreshOutcomes}).
     */
    CLASS,
    /**
     * The whole class runs in a fresh loader and serves in place of the original, whose tests end aborted
     * ({@link ServedElsewhere}); the end-of-run engine reports the fresh results.
     */
    CLASS_ELSEWHERE,
    /** The whole class runs again in a fresh loader; the original's tests stand (they ran already). */
    CLASS_AGAIN,
    /** The whole test runs again in a fresh loader. */
    TEST
  }

  /** A phase redone in place. */
  @FunctionalInterface
  private interface InPlace {
    Void run() throws Throwable;
  }

  /**
   * The loop for a failed phase of the class (or test) of {@code context}: returns {@code true} once a rerun
   * redid it in place; once the class ran whole in a fresh loader in place of the original, returns
   * {@code false} ({@link Redo#CLASS}: the original replays it) or throws {@link ServedElsewhere}
   * ({@link Redo#CLASS_ELSEWHERE}); throws the latest failure when it stands.
   */
  private boolean loop(ExtensionContext context, String phase, Throwable failure, List<String> notes, Redo fresh,
      InPlace inPlace) throws Throwable {
    String testClass = FailureView.testClassOf(context);
    String uniqueId = context.getUniqueId();
    ExtensionContext classContext = classContextOf(context);
    session.failedInstances().record(uniqueId, Subject.of(context, failure, FailedInstances.FAILING_RUN));
    Attempt attempt = new Attempt();
    FailedTest.Rerun rerun = () -> {
      attempt.fresh = false;
      if (!session.loaders().staleReachedBy(testClass).isEmpty()) {
        attempt.fresh = true;
        return inFreshLoader(fresh, context, classContext, testClass, attempt);
      }
      try {
        inPlace.run();
        return RerunOutcome.passed();
      } catch (InterruptedException | OutOfMemoryError e) {
        throw e;
      } catch (TestAbortedException e) {
        return new RerunOutcome(RerunOutcome.Status.ABORTED, e, null);
      } catch (Throwable again) {
        session.failedInstances().record(uniqueId, Subject.of(context, again, "the rerun"));
        return RerunOutcome.failed(again);
      }
    };
    List<String> shown = new ArrayList<>(notes);
    shown.addAll(session.loaders().notesFor(uniqueId, testClass));
    FailedTest failed = new FailedTest(uniqueId, testClass, FailureView.testName(context), phase, failure, shown,
        rerun);
    Resolution resolution = new FailureLoop(session).resolve(failed);
    if (!resolution.passed()) {
      if (fresh == Redo.CLASS || fresh == Redo.CLASS_ELSEWHERE) {
        classContext.getStore(NAMESPACE).put(STANDS, Boolean.TRUE);
      }
      throw resolution.latest();
    }
    String passed = failed.what() + " passed after " + plural(resolution.reruns(), "rerun");
    context.publishReportEntry("reload-loop", passed);
    System.out.println("reload-loop: " + passed); // Surefire drops report entries; standard output reaches it.
    if (attempt.fresh && fresh == Redo.TEST) {
      session.tests().markPassedByRerun(uniqueId);
    } else if (attempt.fresh && (fresh == Redo.CLASS || fresh == Redo.CLASS_ELSEWHERE)) {
      boolean replayed = fresh == Redo.CLASS;
      String note = session.serveFresh(classContext, attempt.results, attempt.loader,
          "reaches " + String.join(", ", session.loaders().staleReachedBy(testClass))
              + ", which changed shape, after the fix of " + failed.what(), replayed);
      if (replayed) {
        return false;
      }
      classContext.getStore(NAMESPACE).put(SERVED, note);
      throw new ServedElsewhere(note);
    }
    return true;
  }

  /** How the latest rerun of a phase went: in place, or in a fresh loader with the results of its run. */
  private static final class Attempt {
    boolean fresh;
    RunResults results;
    ClassLoader loader;
  }

  /**
   * Redoes the phase in a fresh class loader: runs the whole class there (or the whole test, for an
   * {@code @AfterEach}) in a nested run; passes when the class (or test) passed there.
   */
  private RerunOutcome inFreshLoader(Redo fresh, ExtensionContext context, ExtensionContext classContext,
      String testClass, Attempt attempt) throws InterruptedException {
    if (fresh == Redo.TEST) {
      return session.rerun(context.getUniqueId(), testClass);
    }
    ClassLoader loader = session.loaders().forTest(testClass);
    RunResults results = session.runNested(List.of(classContext.getUniqueId()), loader);
    Optional<RunResults.Outcome> container = results.outcome(UniqueId.parse(classContext.getUniqueId()));
    if (container.isEmpty() || container.get().result() == null) {
      return new RerunOutcome(RerunOutcome.Status.ABORTED, null, container.map(RunResults.Outcome::skipReason)
          .map(reason -> "the class was skipped in the fresh class loader: " + reason)
          .orElse("the class was not found again in the fresh class loader; was it renamed or removed?"));
    }
    TestExecutionResult result = container.get().result();
    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
      return new RerunOutcome(result.getStatus() == TestExecutionResult.Status.ABORTED
          ? RerunOutcome.Status.ABORTED : RerunOutcome.Status.FAILED, result.getThrowable().orElse(null), null);
    }
    attempt.results = results;
    attempt.loader = loader;
    return RerunOutcome.passed();
  }

  /** When an earlier failure was Spring's context that would not start, a new attempt at it first. */
  private static void loadContextIfItFailed(Class<?> testClass, Throwable failure) throws Throwable {
    if (SpringContexts.isContextFailure(failure)) {
      SpringContexts.loadAnew(testClass);
    }
  }

  private static Object newInstance(ReflectiveInvocationContext<? extends Constructor<?>> call) throws Throwable {
    Constructor<?> constructor = call.getExecutable();
    constructor.setAccessible(true);
    try {
      return constructor.newInstance(call.getArguments().toArray());
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * Whether {@code call} can be made again: a method whose parameters could not be resolved only from
   * Jupiter 5.11 on ({@link LifecycleCalls#canResolveAgain}); on 5.10 that failure fails as in a plain run.
   */
  private static boolean canCallAgain(Call call) {
    return call.arguments() != null || LifecycleCalls.canResolveAgain();
  }

  /** {@code @BeforeAll seed(DataSource)}, or {@code the parameters of ...} when resolving them failed. */
  private static String phase(Call call, Throwable failure) {
    return failure instanceof ParameterResolutionException ? "the parameters of " + call.label() : call.label();
  }

  private static boolean stands(ExtensionContext context) {
    return Boolean.TRUE.equals(context.getStore(NAMESPACE).get(STANDS, Boolean.class));
  }

  /** The context of {@code testClass} at or above {@code context}; {@code context} when there is none. */
  private static ExtensionContext scopedTo(Class<?> testClass, ExtensionContext context) {
    for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
      if (at.get().getTestClass().filter(testClass::equals).isPresent() && at.get().getTestMethod().isEmpty()) {
        return at.get();
      }
    }
    return context;
  }

  /** The class context at or above {@code context} (a test's class, a dynamic test's factory's class). */
  private static ExtensionContext classContextOf(ExtensionContext context) {
    ExtensionContext at = context;
    while (at.getTestMethod().isPresent() && at.getParent().isPresent()) {
      at = at.getParent().get();
    }
    return at;
  }
}
