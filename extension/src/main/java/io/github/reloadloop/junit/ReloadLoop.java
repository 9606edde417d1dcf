package io.github.reloadloop.junit;

import io.github.reloadloop.junit.internal.fallback.FreshOutcomes;
import io.github.reloadloop.junit.internal.fallback.FreshRuns;
import io.github.reloadloop.junit.internal.loop.ClassLevel;
import io.github.reloadloop.junit.internal.loop.FailureLoop;
import io.github.reloadloop.junit.internal.loop.LoopConfiguration;
import io.github.reloadloop.junit.internal.loop.LoopSession;
import io.github.reloadloop.junit.internal.loop.ServedElsewhere;
import io.github.reloadloop.junit.internal.loop.SessionHandle;
import io.github.reloadloop.junit.internal.phase.LifecycleCalls;
import io.github.reloadloop.junit.internal.phase.SpringManagers;
import io.github.reloadloop.junit.internal.platform.OuterPlans;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.engine.UniqueId;

/**
 * The test-fix-retry loop for JUnit Jupiter: when a test fails, the run stops at a {@code reload> }
 * console on the terminal; saved fixes are compiled and reloaded into the running JVM, and the failed test
 * reruns at once (or at {@code continue}), with its whole lifecycle, against the new code. A green rerun lets the run carry
 * on with the test reported as passed; {@code skip} and {@code abort} let the failure stand. The run stops
 * the same way at a failure around the tests: a {@code @BeforeAll} or {@code @AfterAll} method, the test
 * class constructor, an {@code @AfterEach} method after its test passed, and a Spring test context that
 * will not start; the rerun redoes that phase, then the class goes on.
 *
 * <pre>{@code
 * @ExtendWith(ReloadLoop.class)
 * class LedgerTests { ... }
 * }</pre>
 * or, with no annotation, for every test: {@code mvn test -Dreload.loop=true}.
 *
 * <h2>Configuration</h2>
 * JUnit configuration parameters ({@code -D} on {@code mvn test}, {@code junit-platform.properties}, or
 * launcher parameters):
 * <ul>
 *   <li>{@value LoopConfiguration#LOOP}: {@code true} turns the loop on; off by default, so the extension
 *       is inert in ordinary and CI runs;</li>
 *   <li>{@value LoopConfiguration#DIRS}: comma-separated source directories to watch, relative to the
 *       module; default: the module's {@code src/main/java} and {@code src/test/java}, and the sources of
 *       every other module of the same checkout whose class directory or jar is on the test class path;</li>
 *   <li>{@value LoopConfiguration#ADD_DIRS}: directories watched in addition to those;</li>
 *   <li>{@value LoopConfiguration#COMPILER}: {@code auto} (default), {@code javac} or {@code ecj};</li>
 *   <li>{@value LoopConfiguration#AUTO}: {@code true} (default) reruns the failed test after each reload that
 *       applies; {@code false} waits for {@code continue} ({@code auto on|off} at the console);</li>
 *   <li>{@value LoopConfiguration#CONSOLE}: where the console opens, {@code auto} (default: the terminal, an
 *       IDE's run console, or the attach console that {@code reload-loop attach} connects a terminal to when
 *       the run is interactive by every sign), {@code tty}, {@code attach}, {@code stdin} or {@code off};</li>
 *   <li>{@value LoopConfiguration#ATTACH_TIMEOUT}: how long a failure waits for a terminal to attach
 *       (default 5 minutes).</li>
 * </ul>
 * The reloader starts at the first failure, so a run without failures does not share the CPU with it.
 *
 * <h2>Threading</h2>
 * With parallel execution, one failing test at a time has the console; others wait their turn.
 *
 * <h2>Limitations</h2>
 * A run that cannot interact (CI, {@code </dev/null}, no terminal and nothing that says a person is there)
 * never waits: one line says so and failures fail normally. A test class constructor whose parameters cannot
 * be resolved, and another extension's own callbacks, are not looped. Classes whose shape changed in a way
 * other classes can see are rerun in a fresh class loader, where static state starts anew.
 * Works with JUnit Jupiter 5.10 through 6.x and needs {@code junit-platform-launcher} on the test class
 * path (Maven Surefire adds it); on Jupiter 5.10 and 5.11 the no-annotation mode applies only when no
 * other extension is auto-detectable.
 *
 * @since 0.1.0
 */
public class ReloadLoop implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler,
    InvocationInterceptor, BeforeAllCallback, AfterAllCallback, ExecutionCondition, TestWatcher,
    TestInstancePreConstructCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ReloadLoop.class);

  /** Creates the extension; JUnit does this for {@code @ExtendWith} and auto-detection. */
  public ReloadLoop() {
    // Stateless: everything a run needs lives in the root ExtensionContext.Store.
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // Starts the reloader early, so that it is warm and watching when a test fails.
    FreshOutcomes fresh = replaying(context);
    if (fresh != null) {
      fresh.beforeChildren(context.getUniqueId());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    LoopSession session = session(context);
    if (session != null && !session.freshOutcomes().isEmpty()) {
      session.freshOutcomes().afterChildren(context.getUniqueId());
    }
  }

  /**
   * While some class changed shape, runs a class, nested class or test that can reach it in a fresh class
   * loader first; the original then reports what it did there (its own code is skipped, see the
   * interceptors), so that every report counts each test once, with its real result.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    LoopSession session = session(context);
    if (session == null) {
      // The earliest call for a class, before any extension's beforeAll: Spring's extension finds the loan there.
      SpringManagers.borrowIfNested(context);
      return FreshRuns.conditionInNestedRun(context);
    }
    return session.conditionFor(context);
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    recordResult(context, true);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    recordResult(context, false);
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    if (!(cause instanceof ServedElsewhere)) { // Its result is that of its run elsewhere, recorded there.
      recordResult(context, false);
    }
  }

  private static void recordResult(ExtensionContext context, boolean passed) {
    LoopSession session = session(context);
    if (session != null && replaying(context) == null) { // A fresh run recorded its tests already.
      session.tests().record(context.getUniqueId(), passed, context);
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    if (replaying(context) != null) {
      throw throwable; // The failure of a fresh run: it had its turn at the console there.
    }
    loop(context, throwable, "test");
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    loop(context, throwable, "@BeforeEach");
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    classLevel(context, throwable).afterEach(context, throwable);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    classLevel(context, throwable).beforeAll(context, throwable);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    classLevel(context, throwable).afterAll(context, throwable);
  }

  /**
   * Before a test instance is made: a class that ran whole in a fresh loader after a fix of its Spring context
   * ends here, and a class that uses Spring's test context gets it loaded now, so that a context that will not
   * start stops at the console (not for a class that ran in a fresh loader: none of its own code runs).
   */
  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context)
      throws Exception {
    LoopSession session = session(context);
    if (session == null) {
      return;
    }
    ClassLevel.abortIfServed(context);
    if (session.active() && replaying(context) == null) {
      rethrow(() -> new ClassLevel(session).beforeInstance(factoryContext.getTestClass(), context));
    }
  }

  /**
   * A test class whose tests ran in a fresh class loader is not constructed: no code of the original runs. A
   * test class constructor that fails stops at the console; a fixed one makes the instance again.
   */
  @Override
  public <T> T interceptTestClassConstructor(Invocation<T> invocation,
      ReflectiveInvocationContext<Constructor<T>> invocationContext, ExtensionContext extensionContext)
      throws Throwable {
    if (replaying(extensionContext) != null) {
      invocation.skip();
      return FreshOutcomes.withoutConstructor(invocationContext.getExecutable().getDeclaringClass());
    }
    LoopSession session = session(extensionContext);
    if (session == null || !session.active()) {
      return invocation.proceed();
    }
    return new ClassLevel(session).construct(invocation, invocationContext, extensionContext);
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    recordCall(BeforeAll.class, invocation, invocationContext, extensionContext);
  }

  @Override
  public void interceptBeforeEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    if (replaying(extensionContext) != null) {
      invocation.skip();
    } else {
      invocation.proceed();
    }
  }

  @Override
  public void interceptAfterEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    recordCall(AfterEach.class, invocation, invocationContext, extensionContext);
  }

  /** The {@code @AfterAll} methods of a class that ran whole elsewhere do not run: they ran there. */
  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    if (ClassLevel.served(extensionContext)) {
      invocation.skip();
      return;
    }
    recordCall(AfterAll.class, invocation, invocationContext, extensionContext);
  }

  /**
   * Runs a lifecycle method, unless its test or class ran in a fresh class loader (then it ran there), and
   * records the call while it runs, so that its exception handler can call it again.
   */
  private static void recordCall(Class<? extends Annotation> kind, Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> call, ExtensionContext context) throws Throwable {
    if (replaying(context) != null) {
      invocation.skip();
      return;
    }
    LoopSession session = session(context);
    if (session == null || !session.active()) {
      invocation.proceed();
      return;
    }
    LifecycleCalls.started(context, new LifecycleCalls.Call(kind, call.getExecutable(), call.getTarget().orElse(null),
        call.getArguments()));
    invocation.proceed();
    LifecycleCalls.ended(context, kind);
  }

  /** The class-level loop of a failure, when the failure enters the loop; else the failure is thrown. */
  private static ClassLevel classLevel(ExtensionContext context, Throwable throwable) throws Throwable {
    if (!ClassLevel.loopable(throwable)) {
      throw throwable;
    }
    LoopSession session = session(context);
    if (session == null || !session.active()) {
      FailureLoop.recordIfNested(context, throwable);
      throw throwable;
    }
    return new ClassLevel(session);
  }

  /** Runs {@code work}; what it throws comes through as it is, checked or not. */
  private static void rethrow(ThrowingRunnable work) throws Exception {
    try {
      work.run();
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Throwable;
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    runAgainstCurrentCode(invocation, extensionContext);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    runAgainstCurrentCode(invocation, extensionContext);
  }

  /** A test factory whose tests ran in a fresh class loader makes the same dynamic tests, which end as they did there. */
  @Override
  @SuppressWarnings("unchecked")
  public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    FreshOutcomes fresh = replaying(extensionContext);
    if (fresh != null) {
      invocation.skip();
      return (T) fresh.dynamicTests(extensionContext.getUniqueId());
    }
    return invocation.proceed();
  }

  /** Dynamic tests have no exception handlers, so their failures enter the loop here. */
  @Override
  public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    if (replaying(extensionContext) != null) {
      invocation.proceed(); // Made by the factory above: it ends as the test ended in a fresh class loader.
      return;
    }
    if (passedByRerun(extensionContext)) {
      invocation.skip();
      return;
    }
    try {
      invocation.proceed();
    } catch (Throwable failure) {
      loop(extensionContext, failure, "test");
    }
  }

  private static void loop(ExtensionContext context, Throwable throwable, String phase) throws Throwable {
    if (!ClassLevel.loopable(throwable)) {
      throw throwable;
    }
    LoopSession session = session(context);
    if (session == null || !session.active()) {
      FailureLoop.recordIfNested(context, throwable);
      throw throwable;
    }
    new FailureLoop(session).handle(context, throwable, phase);
  }

  /**
   * Skips a test whose rerun already passed (its {@code @BeforeEach} had failed): it must not run again; and
   * a test that ran in a fresh class loader, which ends as it ended there.
   */
  private static void runAgainstCurrentCode(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
    FreshOutcomes fresh = replaying(context);
    if (fresh != null) {
      invocation.skip();
      String id = context.getUniqueId();
      fresh.note(id).ifPresent(note -> context.publishReportEntry("reload-loop", note));
      fresh.replay(id);
      return;
    }
    if (passedByRerun(context)) {
      invocation.skip();
      return;
    }
    invocation.proceed();
  }

  /**
   * The fresh runs' outcomes when the test or container in {@code context} ran in a fresh class loader (its
   * original only reports what it did there), else {@code null}.
   */
  private static FreshOutcomes replaying(ExtensionContext context) {
    LoopSession session = session(context);
    if (session == null || session.freshOutcomes().isEmpty()) {
      return null;
    }
    FreshOutcomes fresh = session.freshOutcomes();
    return fresh.covers(context.getUniqueId()) ? fresh : null;
  }

  private static boolean passedByRerun(ExtensionContext context) {
    LoopSession session = session(context);
    // The unique id is formatted anew on each call: ask for it only when some test passed by a rerun.
    return session != null && session.tests().anyPassedByRerun()
        && session.tests().passedByRerun(context.getUniqueId());
  }

  /**
   * The run's session, or {@code null} when the loop is off, this is the loop's own rerun, or another run in
   * this JVM has the loop (a launcher run nested in a test).
   */
  private static LoopSession session(ExtensionContext context) {
    // One store look-up: this runs several times for every test.
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SessionHandle.class, k -> open(context),
        SessionHandle.class).session();
  }

  private static SessionHandle open(ExtensionContext context) {
    LoopConfiguration configuration = LoopConfiguration.read(context::getConfigurationParameter,
        LoopConfiguration.moduleDirectory());
    if (!configuration.enabled() || configuration.rerun()) {
      return SessionHandle.NONE;
    }
    return SessionHandle.open(() -> LoopSession.start(configuration, context::getConfigurationParameter,
            Thread.currentThread().getContextClassLoader())
        .within(OuterPlans.containing(UniqueId.parse(context.getUniqueId())).orElse(null)));
  }
}
