package io.github.reloadloop.junit;

import org.junit.jupiter.engine.JupiterTestEngine;

/** The version of the JUnit Jupiter engine these tests run on (from its jar), for version-dependent expectations. */
public final class JupiterVersion {

  private JupiterVersion() {}

  /** The engine's version, such as {@code 5.10.5} or {@code 6.1.3}. */
  public static String running() {
    return JupiterTestEngine.class.getPackage().getImplementationVersion();
  }

  /** Whether the running engine is {@code major.minor} or newer. */
  public static boolean atLeast(int major, int minor) {
    String[] parts = running().split("\\.");
    int runningMajor = Integer.parseInt(parts[0]);
    return runningMajor > major || runningMajor == major && Integer.parseInt(parts[1]) >= minor;
  }
}
