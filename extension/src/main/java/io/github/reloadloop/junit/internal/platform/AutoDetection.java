package io.github.reloadloop.junit.internal.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes {@code mvn test -Dreload.loop=true} apply the loop to every test without annotations: when the
 * launcher session opens and {@code reload.loop=true} is a system property, it switches on Jupiter's
 * extension auto-detection for {@code ReloadLoop} only, unless the user configured auto-detection already
 * (as a system property or in {@value #CONFIG_FILE}). Registered through {@code META-INF/services}; the
 * launcher loads it by itself.
 *
 * <p>Jupiter 5.12 added {@value #INCLUDE}, which limits auto-detection to {@code ReloadLoop}. Before it,
 * switching auto-detection on would also activate every other auto-detectable extension on the class path,
 * which the run without the loop would not have: there it is switched on only when {@code ReloadLoop} is the
 * only one, else one line names the others and says how to register the loop instead.
 */
public final class AutoDetection implements LauncherSessionListener {

  static final String LOOP = "reload.loop";
  static final String ENABLED = "junit.jupiter.extensions.autodetection.enabled";
  static final String INCLUDE = "junit.jupiter.extensions.autodetection.include";
  static final String EXTENSION = "io.github.reloadloop.junit.ReloadLoop";
  static final String SERVICES = "META-INF/services/org.junit.jupiter.api.extension.Extension";
  static final String CONFIG_FILE = "junit-platform.properties";
  private static final String JUPITER_CONSTANTS = "org.junit.jupiter.engine.Constants";
  private static final String INCLUDE_CONSTANT = "EXTENSIONS_AUTODETECTION_INCLUDE_PROPERTY_NAME";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    Properties properties = System.getProperties();
    if (!wanted(properties, new Properties())) {
      return; // Cheap way out for every run without the loop.
    }
    ClassLoader loader = classLoader();
    apply(properties, configFile(loader), includeSupported(loader), autoDetectable(loader))
        .ifPresent(line -> System.err.println("reload-loop: " + line));
  }

  /**
   * Whether the loop is on and the user left auto-detection alone (as system properties, which win over
   * the configuration file, and in the file), so that this listener has work to do.
   */
  static boolean wanted(Properties system, Properties configFile) {
    String loop = system.getProperty(LOOP);
    boolean on = loop != null && (loop.isBlank() || loop.trim().equalsIgnoreCase("true"));
    return on && unset(system) && unset(configFile);
  }

  private static boolean unset(Properties properties) {
    return properties.getProperty(ENABLED) == null && properties.getProperty(INCLUDE) == null;
  }

  /**
   * Sets the auto-detection system properties when {@link #wanted} and it activates nothing but the loop.
   *
   * @param configFile the {@value #CONFIG_FILE} on the class path (empty if there is none)
   * @param includeSupported whether the Jupiter on the class path knows {@value #INCLUDE} (5.12 and later)
   * @param autoDetectable the extensions that auto-detection would activate
   * @return a line for the user when auto-detection was left off although the loop is on
   */
  static Optional<String> apply(Properties properties, Properties configFile, boolean includeSupported,
      List<String> autoDetectable) {
    if (!wanted(properties, configFile)) {
      return Optional.empty();
    }
    if (includeSupported) {
      properties.setProperty(ENABLED, "true");
      properties.setProperty(INCLUDE, EXTENSION);
      return Optional.empty();
    }
    List<String> others = autoDetectable.stream().filter(name -> !name.equals(EXTENSION)).toList();
    if (others.isEmpty()) {
      properties.setProperty(ENABLED, "true");
      return Optional.empty();
    }
    return Optional.of("the loop applies only to test classes with @ExtendWith(ReloadLoop.class): before JUnit"
        + " Jupiter 5.12, switching on extension auto-detection for ReloadLoop would also activate "
        + String.join(", ", others) + " (register ReloadLoop with @ExtendWith, or use JUnit 5.12 or later)");
  }

  /** Whether the Jupiter engine on the class path declares the {@value #INCLUDE} parameter. */
  static boolean includeSupported(ClassLoader loader) {
    try {
      Class.forName(JUPITER_CONSTANTS, false, loader).getField(INCLUDE_CONSTANT);
      return true;
    } catch (ClassNotFoundException | NoSuchFieldException | LinkageError e) {
      return false; // No Jupiter engine, or one older than 5.12.
    }
  }

  /** The extension classes listed in {@value #SERVICES} files, which Jupiter's auto-detection would load. */
  static List<String> autoDetectable(ClassLoader loader) {
    Set<String> names = new LinkedHashSet<>();
    try {
      for (URL file : Collections.list(loader.getResources(SERVICES))) {
        names.addAll(classNames(file));
      }
    } catch (IOException e) {
      // Unreadable: the caller cannot prove that only ReloadLoop would be activated, so it stays off.
      names.add("(unreadable " + SERVICES + ": " + e.getMessage() + ")");
    }
    return new ArrayList<>(names);
  }

  /** The first {@value #CONFIG_FILE} on the class path, the one the launcher reads, or empty properties. */
  static Properties configFile(ClassLoader loader) {
    Properties properties = new Properties();
    URL file = loader.getResource(CONFIG_FILE);
    if (file != null) {
      try (InputStreamReader reader = new InputStreamReader(file.openStream(), StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        // The launcher will report the unreadable file itself; as far as the loop knows, nothing is configured.
        return new Properties();
      }
    }
    return properties;
  }

  private static List<String> classNames(URL file) throws IOException {
    List<String> names = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int comment = line.indexOf('#');
        String name = (comment < 0 ? line : line.substring(0, comment)).trim();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : AutoDetection.class.getClassLoader();
  }
}
