package io.github.reloadloop.core.internal.redefine;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;

/**
 * The JVM's first redefinition, done at once on a class of the reloader's own, which it leaves as it is.
 * HotSpot records which compiled code depends on which method only from the first redefinition on, so that
 * first one throws away all of the JIT's compiled code, the compiler's included. Done when the agent loads,
 * before the compiler warms up, it costs a moment then instead of slowing the user's first saves: each
 * later redefinition discards only the compiled code of the classes it changes.
 */
final class FirstRedefinition {

  private FirstRedefinition() {}

  /**
   * Retransforms this class, unchanged: no transformer of the reloader is registered, and other agents'
   * retransforming transformers leave a class they do not know alone.
   *
   * @return whether it was done (not where the JVM cannot retransform)
   */
  static boolean run(Instrumentation instrumentation) {
    if (!instrumentation.isRetransformClassesSupported()
        || !instrumentation.isModifiableClass(FirstRedefinition.class)) {
      return false;
    }
    try {
      instrumentation.retransformClasses(FirstRedefinition.class);
      return true;
    } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
      return false; // Only later saves pay for it then: nothing else depends on it.
    }
  }
}
