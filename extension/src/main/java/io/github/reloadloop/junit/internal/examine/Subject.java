package io.github.reloadloop.junit.internal.examine;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstances;

/**
 * What the console examines: the latest failure, the test instances it happened in (outermost first, the
 * failing test's own last; empty in a static context), the test class, and which run it comes from.
 *
 * @param failure the latest failure
 * @param instances the test instance and its {@code @Nested} outer instances, outermost first
 * @param testClass the test class (also when there is no instance)
 * @param origin which run the instance comes from, for the user ("the failing run", "rerun 2")
 */
public record Subject(Throwable failure, List<Object> instances, Class<?> testClass, String origin) {

  public Subject {
    instances = List.copyOf(instances);
  }

  /**
   * The subject of a failure in {@code context}. A dynamic test has no instance of its own; it gets the
   * instance of its {@code @TestFactory}, the nearest context above it that has one.
   */
  public static Subject of(ExtensionContext context, Throwable failure, String origin) {
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
      Optional<TestInstances> instances = c.get().getTestInstances();
      if (instances.isPresent()) {
        return new Subject(failure, instances.get().getAllInstances(), instances.get().getInnermostInstance().getClass(),
            origin);
      }
    }
    Class<?> testClass = context.getTestClass().orElse(Object.class);
    return new Subject(failure, List.of(), testClass, origin);
  }

  /** The same subject, said to come from {@code origin}. */
  public Subject from(String origin) {
    return new Subject(failure, instances, testClass, origin);
  }

  /** The failing test's own instance, if there is one. */
  public Optional<Object> test() {
    return instances.isEmpty() ? Optional.empty() : Optional.of(instances.get(instances.size() - 1));
  }
}
