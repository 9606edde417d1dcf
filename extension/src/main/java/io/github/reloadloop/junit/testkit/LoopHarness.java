package io.github.reloadloop.junit.testkit;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.junit.internal.loop.LoopConfiguration;
import io.github.reloadloop.junit.internal.loop.LoopSession;
import io.github.reloadloop.junit.internal.rerun.RerunOutcome;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A test hook: the loop's session of one test run, driven by a program instead of a launcher run, for
 * benchmarks and for tests of the loop that measure it from outside. It does what the loop does between a
 * failure and its rerun (the reloader on the sources, the choice of class loader, the rerun in a nested
 * launcher run), while the program plays the developer: it saves, waits for the reload and reruns.
 *
 * <pre>{@code
 * try (LoopHarness loop = LoopHarness.start(Map.of("reload.loop", "true", "reload.dir", "src/main/java,src/test/java",
 *     "reload.console", QuietConsoleFactory.class.getName()), testClassLoader)) {
 *   // save a fix, then:
 *   loop.reloader().awaitPendingReloads(Duration.ofSeconds(60));
 *   LoopHarness.Rerun rerun = loop.rerun("[engine:junit-jupiter]/[class:acme.LedgerTest]/[method:adds()]",
 *       "acme.LedgerTest");
 * }
 * }</pre>
 *
 * <h2>Configuration</h2>
 * The JUnit configuration parameters of a run with the loop ({@code reload.loop}, {@code reload.dir},
 * {@code reload.console}, ...; see the README), given as a map. A console factory named by
 * {@code reload.console} gets the same map as its parameters.
 *
 * <h2>Limitations</h2>
 * Not for production code: this is a test hook, and it may change in any release. The tests must have been
 * loaded through the class loader given, and a failure found by the harness does not reach the console:
 * the program decides what to do with it.
 *
 * @since 0.1.0
 */
public final class LoopHarness implements AutoCloseable {

  /**
   * How a rerun went.
   *
   * @param status passed, failed, aborted (an assumption failed or it was skipped) or not found
   * @param failure the failure of a failed or aborted rerun, else {@code null}
   * @param detail a line for the user when the test could not be found or run again, else {@code null}
   */
  public record Rerun(Status status, Throwable failure, String detail) {

    /** The result of a rerun. */
    public enum Status { PASSED, FAILED, ABORTED, NOT_FOUND }
  }

  private final LoopSession session;

  private LoopHarness(LoopSession session) {
    this.session = session;
  }

  /**
   * Starts the loop's session for tests loaded through {@code testLoader}. The reloader starts on the first
   * call of {@link #reloader()} (the loop starts it at the first failure).
   *
   * @param parameters the run's JUnit configuration parameters
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException for a bad setting, naming it
   */
  public static LoopHarness start(Map<String, String> parameters, ClassLoader testLoader) {
    LoopConfiguration configuration = LoopConfiguration.read(key -> Optional.ofNullable(parameters.get(key)),
        LoopConfiguration.moduleDirectory());
    return new LoopHarness(LoopSession.start(configuration, key -> Optional.ofNullable(parameters.get(key)),
        testLoader));
  }

  /** Whether failures would enter the loop: it is on, has a console, and its reloader could start. */
  public boolean active() {
    return session.active();
  }

  /** The run's reloader, started on first use; {@code null} when the loop is off or found no source root. */
  public AutoReloader reloader() {
    return session.reloader();
  }

  /** Classes whose newest version is not running in the original class loader: they changed shape. */
  public Set<String> staleClasses() {
    return session.staleClasses();
  }

  /** The class loader a test of {@code testClass} runs in now: a fresh one when it reaches a stale class. */
  public ClassLoader loaderFor(String testClass) {
    return session.loaderFor(testClass);
  }

  /**
   * Reruns the test with {@code uniqueId}, declared by {@code testClass}, with its whole lifecycle, in the
   * class loader {@link #loaderFor} picks, on a thread of its own, and waits for it.
   */
  public Rerun rerun(String uniqueId, String testClass) throws InterruptedException {
    RerunOutcome outcome = session.rerun(uniqueId, testClass);
    return new Rerun(Rerun.Status.valueOf(outcome.status().name()), outcome.failure(), outcome.detail());
  }

  /** Closes the reloader, the console and the fresh class loaders. */
  @Override
  public void close() {
    session.close();
  }
}
