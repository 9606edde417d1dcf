package io.github.reloadloop.core.internal.redefine;

import io.github.reloadloop.core.api.RefusedClass;
import java.time.Duration;
import java.util.List;

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
 */
public record Applied(List<Class<?>> redefinedClasses, List<String> redefined, List<String> added,
    List<RefusedClass> refused, Duration redefineTime, long redefinedAtNanos, List<String> warnings) {

  public Applied {
    redefinedClasses = List.copyOf(redefinedClasses);
    redefined = List.copyOf(redefined);
    added = List.copyOf(added);
    refused = List.copyOf(refused);
    warnings = List.copyOf(warnings);
  }
}
