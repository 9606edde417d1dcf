package io.github.reloadloop.junit.internal.run;

import io.github.reloadloop.junit.internal.rerun.RerunOutcome;
import java.util.List;

/**
 * A failure waiting at the console: a failed test, or a phase of a test class that failed around its tests
 * ({@code @BeforeAll}, its constructor, its Spring context, {@code @AfterAll}, an {@code @AfterEach}).
 *
 * @param uniqueId the unique id of the test, or of the class whose phase failed
 * @param testClass binary name of the class that declares it, which decides the loader of its reruns
 * @param name {@code CalculatorTests > adds > [2] 3}, or the class's display path for a phase of the class
 * @param phase where it failed: {@value #TEST}, or a phase ({@code @BeforeEach}, {@code @BeforeAll seed()},
 *     {@code the Spring context}, {@code the constructor})
 * @param failure what it threw
 * @param notes lines shown under the failure (which loader it ran in, what it passed against before)
 * @param rerun how a rerun redoes the failed phase, or {@code null}: the test reruns whole in a nested run
 */
public record FailedTest(String uniqueId, String testClass, String name, String phase, Throwable failure,
    List<String> notes, Rerun rerun) {

  /** The phase of a failure in the test itself. */
  public static final String TEST = "test";

  public FailedTest {
    notes = List.copyOf(notes);
  }

  /** A failed test, rerun whole in a nested launcher run. */
  public FailedTest(String uniqueId, String testClass, String name, String phase, Throwable failure,
      List<String> notes) {
    this(uniqueId, testClass, name, phase, failure, notes, null);
  }

  /**
   * What failed, for the console: {@code CalculatorTests > adds()}, {@code @BeforeAll seed() of OrderTests},
   * {@code the Spring context of OrderTests}.
   */
  public String what() {
    return phase.equals(TEST) || rerun == null ? name : phase + " of " + name;
  }

  /** Redoes a failed phase against the current code; says how it went. */
  @FunctionalInterface
  public interface Rerun {
    RerunOutcome run() throws InterruptedException;
  }
}
