package io.github.reloadloop.core.internal.redefine;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redefines loaded classes through {@link Instrumentation}, all of a batch in one
 * {@code redefineClasses} call (the call costs about the same for one class or fifty).
 */
final class Redefiner {

  private final Instrumentation instrumentation;

  /** Outcome: the classes now running the new code and, per class name, why the JVM refused the others. */
  record Outcome(List<Class<?>> redefined, Map<String, String> failures) {}

  Redefiner(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
  }

  /**
   * Redefines all classes in one call. Should the JVM refuse the batch, each class is tried alone so that
   * the others still get their new code and the refusal names the class at fault.
   */
  Outcome redefine(Map<Class<?>, byte[]> classes) {
    if (classes.isEmpty()) {
      return new Outcome(List.of(), Map.of());
    }
    String refusal = redefineAtOnce(classes);
    if (refusal == null) {
      return new Outcome(List.copyOf(classes.keySet()), Map.of());
    }
    if (classes.size() == 1) {
      return new Outcome(List.of(), Map.of(classes.keySet().iterator().next().getName(), refusal));
    }
    List<Class<?>> redefined = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    classes.forEach((type, bytes) -> {
      Outcome single = redefine(Map.of(type, bytes));
      redefined.addAll(single.redefined());
      failures.putAll(single.failures());
    });
    return new Outcome(redefined, failures);
  }

  /**
   * Redefines all classes in one call, which the JVM makes all or nothing.
   *
   * @return {@code null} when every class runs its new class file, else why the JVM refused (then none does)
   */
  String redefineAtOnce(Map<Class<?>, byte[]> classes) {
    try {
      instrumentation.redefineClasses(definitions(classes));
      return null;
    } catch (ClassNotFoundException | UnmodifiableClassException | RuntimeException | LinkageError e) {
      return describe(e);
    }
  }

  private static ClassDefinition[] definitions(Map<Class<?>, byte[]> classes) {
    return classes.entrySet().stream()
        .map(e -> new ClassDefinition(e.getKey(), e.getValue()))
        .toArray(ClassDefinition[]::new);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
