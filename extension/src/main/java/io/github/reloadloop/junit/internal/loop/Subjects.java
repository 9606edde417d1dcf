package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.junit.internal.examine.Subject;
import io.github.reloadloop.junit.internal.fallback.FreshClassLoader;
import io.github.reloadloop.junit.internal.run.FailedTest;
import java.util.List;

/**
 * What the console's {@code fields} and {@code eval} examine for a failed test: the test instance the latest
 * failure happened in, as recorded ({@link FailedInstances}), with where it ran.
 */
final class Subjects {

  private final FailedInstances instances;

  Subjects(FailedInstances instances) {
    this.instances = instances;
  }

  /** What the console examines first: the instance the failure happened in, if it was recorded. */
  Subject first(FailedTest test) {
    return instances.take(test.uniqueId(), test.failure())
        .map(s -> s.origin().equals(FailedInstances.FAILING_RUN) ? s : s.from("a run in " + loaderName(s.testClass())))
        .orElseGet(() -> unrecorded(test.failure(), test.testClass(), "no instance was recorded for this run"));
  }

  /**
   * After a failed rerun: its test instance, whose {@code @AfterEach} has run by now when the test reran
   * whole; the same instance when a phase of it was redone in place.
   */
  Subject afterRerun(FailedTest test, Subject previous, Throwable failure, int reruns) {
    String origin = "rerun " + reruns;
    String after = test.rerun() == null ? "; its @AfterEach has run" : "";
    return instances.take(test.uniqueId(), failure)
        .map(s -> s.from(origin + (s.testClass().getClassLoader() instanceof FreshClassLoader
            ? " in " + loaderName(s.testClass()) : "") + after))
        .orElseGet(() -> new Subject(failure, previous.instances(), previous.testClass(),
            previous.origin() + "; the instance of " + origin + " was not recorded"));
  }

  private static Subject unrecorded(Throwable failure, String testClass, String origin) {
    Class<?> type;
    try {
      type = Class.forName(testClass, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      type = Object.class;
    }
    return new Subject(failure, List.of(), type, origin);
  }

  private static String loaderName(Class<?> type) {
    return type.getClassLoader() instanceof FreshClassLoader fresh ? "fresh class loader " + fresh.generation()
        : "the original class loader";
  }
}
