package io.github.reloadloop.core.internal.redefine;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Detects a JVM that can redefine schema changes in place: JetBrains Runtime (or DCEVM) started with
 * {@code -XX:+AllowEnhancedClassRedefinition}. On such a JVM added or removed fields and methods are
 * redefined instead of refused.
 *
 * @since 0.1.0
 */
public final class EnhancedRedefinition {

  static final String OPTION = "AllowEnhancedClassRedefinition";

  private EnhancedRedefinition() {}

  /** Whether this JVM has enhanced class redefinition switched on. */
  public static boolean available() {
    return fromVmOption(vmOption()) || fromArguments(ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /** Reads the value of the HotSpot option; {@code null} when this JVM does not know it. */
  static boolean fromVmOption(String value) {
    return "true".equalsIgnoreCase(value);
  }

  /** The last occurrence of the flag on the command line wins, as in HotSpot. */
  static boolean fromArguments(List<String> arguments) {
    boolean enabled = false;
    for (String argument : arguments) {
      if (argument.equals("-XX:+" + OPTION)) {
        enabled = true;
      } else if (argument.equals("-XX:-" + OPTION)) {
        enabled = false;
      }
    }
    return enabled;
  }

  private static String vmOption() {
    try {
      var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return bean == null ? null : bean.getVMOption(OPTION).getValue();
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // IllegalArgumentException: the option does not exist on this JVM, so it has no enhanced redefinition.
      return null;
    }
  }
}
