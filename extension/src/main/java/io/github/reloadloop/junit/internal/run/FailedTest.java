package io.github.reloadloop.junit.internal.run;

import java.util.List;

/**
 * A failed test waiting at the console.
 *
 * @param uniqueId its unique id, by which it is rerun
 * @param testClass binary name of the class that declares it, which decides the loader of its reruns
 * @param name {@code CalculatorTests > adds > [2] 3}
 * @param phase where it failed: {@code test}, {@code @BeforeEach} or {@code @AfterEach}
 * @param failure what it threw
 * @param notes lines shown under the failure (which loader it ran in, what it passed against before)
 */
public record FailedTest(String uniqueId, String testClass, String name, String phase, Throwable failure,
    List<String> notes) {

  public FailedTest {
    notes = List.copyOf(notes);
  }
}
