package io.github.reloadloop.junit.rerun;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Reruns exactly one test, with its whole lifecycle ({@code @BeforeAll}, {@code @BeforeEach},
 * {@code @AfterEach}, ...), in a nested launcher run selected by the test's unique id. Works for one
 * {@code @ParameterizedTest} invocation, one {@code @RepeatedTest} repetition, {@code @Nested} tests and
 * dynamic tests. Each rerun runs on a new thread of its own ({@link RerunThread}), never on the failed test's.
 */
public final class TestRerunner {

  private final Map<String, String> configuration;

  /** @param configuration configuration parameters for the nested run (it must not open a console) */
  public TestRerunner(Map<String, String> configuration) {
    this.configuration = Map.copyOf(configuration);
  }

  /**
   * Reruns the test with {@code uniqueId} on a rerun thread whose context class loader is {@code loader}
   * (through which test and project classes are loaded), and waits for it.
   *
   * @throws InterruptedException when the waiting thread is interrupted (the rerun is interrupted too)
   */
  public RerunOutcome rerun(String uniqueId, ClassLoader loader) throws InterruptedException {
    return RerunThread.call(loader, () -> runHere(uniqueId));
  }

  private RerunOutcome runHere(String uniqueId) {
    try {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectUniqueId(uniqueId))
          .configurationParameters(configuration)
          .build();
      Recorder recorder = new Recorder(UniqueId.parse(uniqueId));
      Launcher launcher = LauncherFactory.create();
      launcher.execute(request, recorder);
      return recorder.outcome(uniqueId);
    } catch (RuntimeException | LinkageError e) {
      return new RerunOutcome(RerunOutcome.Status.FAILED, e, "the rerun itself failed: " + e);
    }
  }

  /** Records the result of the target test, and the first failure of a container above it. */
  private static final class Recorder implements TestExecutionListener {
    private final UniqueId target;
    private final AtomicReference<TestExecutionResult> result = new AtomicReference<>();
    private final AtomicReference<TestExecutionResult> containerFailure = new AtomicReference<>();
    private final AtomicReference<String> skipped = new AtomicReference<>();

    Recorder(UniqueId target) {
      this.target = target;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
      if (isTargetOrAbove(identifier)) {
        skipped.compareAndSet(null, reason);
      }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult executionResult) {
      UniqueId id = identifier.getUniqueIdObject();
      if (id.equals(target)) {
        result.set(executionResult);
      } else if (target.hasPrefix(id) && executionResult.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        containerFailure.compareAndSet(null, executionResult);
      }
    }

    private boolean isTargetOrAbove(TestIdentifier identifier) {
      return target.hasPrefix(identifier.getUniqueIdObject());
    }

    RerunOutcome outcome(String uniqueId) {
      TestExecutionResult own = result.get();
      if (own == null && containerFailure.get() != null) {
        own = containerFailure.get();
      }
      if (own == null) {
        return skipped.get() != null
            ? new RerunOutcome(RerunOutcome.Status.ABORTED, null, "the rerun was skipped: " + skipped.get())
            : new RerunOutcome(RerunOutcome.Status.NOT_FOUND, null, "the test was not found again (" + uniqueId
                + "); was it renamed or removed? Type skip to go on");
      }
      return switch (own.getStatus()) {
        case SUCCESSFUL -> containerFailure.get() == null ? RerunOutcome.passed()
            : new RerunOutcome(RerunOutcome.Status.FAILED, containerFailure.get().getThrowable().orElse(null), null);
        case ABORTED -> new RerunOutcome(RerunOutcome.Status.ABORTED, own.getThrowable().orElse(null), null);
        case FAILED -> new RerunOutcome(RerunOutcome.Status.FAILED, own.getThrowable().orElse(null), null);
      };
    }
  }
}
