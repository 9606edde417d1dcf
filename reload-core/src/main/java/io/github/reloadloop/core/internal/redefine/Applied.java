package io.github.reloadloop.core.internal.redefine;

import io.github.reloadloop.core.api.RefusedClass;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What applying a plan did.
 *
 * @param redefinedClasses the loaded classes that now run the new code (for their {@code @OnReload} hooks)
 * @param redefined their names, each once
 * @param added classes of the patch that no class loader had loaded (now defined where one loads from their
 *     directory)
 * @param refused classes still running their old version: refused by the plan or by the JVM
 * @param redefineTime time spent in the JVM's {@code redefineClasses}
 * @param redefinedAtNanos {@link System#nanoTime()} when redefinition ended
 * @param warnings what went wrong without stopping the batch (a class that could not be defined or written)
 * @param inPlace classes among {@code redefined} whose change of private members was made in place, each with
 *     what changed ({@code 1 method added})
 */
public record Applied(List<Class<?>> redefinedClasses, List<String> redefined, List<String> added,
    List<RefusedClass> refused, Duration redefineTime, long redefinedAtNanos, List<String> warnings,
    Map<String, List<String>> inPlace) {

  public Applied {
    redefinedClasses = List.copyOf(redefinedClasses);
    redefined = List.copyOf(redefined);
    added = List.copyOf(added);
    refused = List.copyOf(refused);
    warnings = List.copyOf(warnings);
    inPlace = Collections.unmodifiableMap(new LinkedHashMap<>(inPlace));
  }

  /** What applying did, with nothing changed in place. */
  public Applied(List<Class<?>> redefinedClasses, List<String> redefined, List<String> added,
      List<RefusedClass> refused, Duration redefineTime, long redefinedAtNanos, List<String> warnings) {
    this(redefinedClasses, redefined, added, refused, redefineTime, redefinedAtNanos, warnings, Map.of());
  }
}
