package io.github.reloadloop.core.internal.redefine;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Obtains the JVM's {@link Instrumentation}: from {@code -javaagent:} when the reload-core jar was given
 * as an agent, otherwise by Byte Buddy's self-attach.
 *
 * @since 0.1.0
 */
public final class AgentLoader {

  private AgentLoader() {}

  /** Where the instrumentation came from, for {@code status}. */
  public record Agent(Instrumentation instrumentation, String source) {}

  /**
   * Returns the instrumentation, attaching an agent if none is installed.
   *
   * @throws IllegalStateException with a message that says which JVM option to add when attach is refused
   */
  public static Agent load() {
    Instrumentation premain = ReloadAgent.installed();
    if (premain != null) {
      return new Agent(premain, "-javaagent");
    }
    try {
      return new Agent(ByteBuddyAgent.install(), "dynamic attach (Byte Buddy)");
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException(refusalMessage(e, Runtime.version().feature(), agentJar()), e);
    }
  }

  /**
   * Does at once, when the agent has loaded, what the first save would otherwise pay for: the JVM's first
   * redefinition ({@link FirstRedefinition}) and a pass over the classes loaded so far that learns where each
   * came from (a plan learns the rest). For any thread.
   */
  public static void prepare(Instrumentation instrumentation) {
    FirstRedefinition.run(instrumentation);
    LoadedClasses.scan(instrumentation, Set.of(), Map.of());
  }

  static String refusalMessage(Throwable cause, int javaVersion, String agentJar) {
    StringBuilder message = new StringBuilder("cannot load the reload agent into this JVM");
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    message.append(" (").append(root.getClass().getSimpleName());
    if (root.getMessage() != null) {
      message.append(": ").append(root.getMessage().strip());
    }
    message.append("). Classes cannot be redefined. Fix: start the JVM with ");
    if (javaVersion >= 21) {
      message.append("-XX:+EnableDynamicAgentLoading -Djdk.attach.allowAttachSelf=true, or with ");
    } else {
      message.append("-Djdk.attach.allowAttachSelf=true, or with ");
    }
    message.append("-javaagent:").append(agentJar)
        .append(" (for Maven Surefire: <argLine>-javaagent:${io.github.reloadloop:reload-core:jar}</argLine>"
            + " with the dependency:properties goal)");
    return message.toString();
  }

  /** Path of the jar (or directory) this class was loaded from. */
  static String agentJar() {
    try {
      return Path.of(ReloadAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (Exception e) {
      // No code source (an unusual class loader): fall back to the artifact's file name.
      return "reload-core-<version>.jar";
    }
  }
}
