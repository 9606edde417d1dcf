package io.github.reloadloop.core.internal.redefine;

import java.lang.instrument.Instrumentation;

/**
 * Java agent entry point of the reload-core jar ({@code Premain-Class} and {@code Agent-Class}). Start the
 * JVM with {@code -javaagent:reload-core.jar} to redefine classes without dynamic attach.
 *
 * @since 0.1.0
 */
public final class ReloadAgent {

  // The JVM hands an agent exactly one Instrumentation for its whole life, so a static field is the
  // natural holder; it is not session state.
  private static volatile Instrumentation instrumentation;

  private ReloadAgent() {}

  /** Called by the JVM for {@code -javaagent:}. */
  public static void premain(String arguments, Instrumentation inst) {
    instrumentation = inst;
  }

  /** Called by the JVM when the agent is attached to a running JVM. */
  public static void agentmain(String arguments, Instrumentation inst) {
    instrumentation = inst;
  }

  static Instrumentation installed() {
    return instrumentation;
  }
}
