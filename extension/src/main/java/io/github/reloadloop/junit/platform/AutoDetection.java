package io.github.reloadloop.junit.platform;

import java.util.Properties;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes {@code mvn test -Dreload.loop=true} apply the loop to every test without annotations: when the
 * launcher session opens and {@code reload.loop=true} is a system property, it switches on Jupiter's
 * extension auto-detection, limited to {@code ReloadLoop}, unless the user configured auto-detection
 * already. Registered through {@code META-INF/services}; the launcher loads it by itself.
 */
public final class AutoDetection implements LauncherSessionListener {

  static final String ENABLED = "junit.jupiter.extensions.autodetection.enabled";
  static final String INCLUDE = "junit.jupiter.extensions.autodetection.include";
  static final String EXTENSION = "io.github.reloadloop.junit.ReloadLoop";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    apply(System.getProperties());
  }

  /** Sets the auto-detection properties when the loop is on and they are not set. */
  static void apply(Properties properties) {
    String loop = properties.getProperty("reload.loop");
    if (loop == null || !(loop.isBlank() || loop.trim().equalsIgnoreCase("true"))) {
      return;
    }
    if (properties.getProperty(ENABLED) == null) {
      properties.setProperty(ENABLED, "true");
      if (properties.getProperty(INCLUDE) == null) {
        properties.setProperty(INCLUDE, EXTENSION);
      }
    }
  }
}
