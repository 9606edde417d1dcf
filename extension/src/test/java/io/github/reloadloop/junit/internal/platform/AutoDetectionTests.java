package io.github.reloadloop.junit.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.junit.JupiterVersion;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoDetectionTests {

  private static final String OTHER = "com.example.OtherExtension";
  private static final Properties NO_FILE = new Properties();

  @TempDir Path directory;

  @Test
  void loopOn_jupiterWithInclude_autoDetectionSwitchedOnForReloadLoopOnly() {
    Properties properties = loopOn();

    Optional<String> message = AutoDetection.apply(properties, NO_FILE, true, List.of(AutoDetection.EXTENSION, OTHER));

    assertThat(message).isEmpty();
    assertThat(properties.getProperty(AutoDetection.ENABLED)).isEqualTo("true");
    assertThat(properties.getProperty(AutoDetection.INCLUDE)).isEqualTo("io.github.reloadloop.junit.ReloadLoop");
  }

  @Test
  void loopOn_jupiterWithoutInclude_onlyReloadLoopDetectable_autoDetectionSwitchedOn() {
    Properties properties = loopOn();

    Optional<String> message = AutoDetection.apply(properties, NO_FILE, false, List.of(AutoDetection.EXTENSION));

    assertThat(message).isEmpty();
    assertThat(properties.getProperty(AutoDetection.ENABLED)).isEqualTo("true");
    assertThat(properties.getProperty(AutoDetection.INCLUDE)).as("unknown to this Jupiter").isNull();
  }

  @Test
  void loopOn_jupiterWithoutInclude_anotherExtensionDetectable_leftOffWithALineNamingIt() {
    Properties properties = loopOn();

    Optional<String> message = AutoDetection.apply(properties, NO_FILE, false, List.of(AutoDetection.EXTENSION, OTHER));

    assertThat(properties.getProperty(AutoDetection.ENABLED)).isNull();
    assertThat(message).hasValueSatisfying(line -> assertThat(line)
        .contains("only to test classes with @ExtendWith(ReloadLoop.class)", "5.12", OTHER)
        .doesNotContain(AutoDetection.EXTENSION));
  }

  @Test
  void loopOff_orAutoDetectionConfiguredByTheUser_propertiesUntouched() {
    Properties off = new Properties();
    assertThat(AutoDetection.apply(off, NO_FILE, true, List.of())).isEmpty();
    assertThat(off).isEmpty();

    Properties configured = loopOn();
    configured.setProperty(AutoDetection.ENABLED, "false");
    AutoDetection.apply(configured, NO_FILE, true, List.of());
    assertThat(configured.getProperty(AutoDetection.ENABLED)).isEqualTo("false");
    assertThat(configured.getProperty(AutoDetection.INCLUDE)).isNull();

    Properties included = loopOn();
    included.setProperty(AutoDetection.INCLUDE, OTHER);
    AutoDetection.apply(included, NO_FILE, true, List.of());
    assertThat(included.getProperty(AutoDetection.ENABLED)).isNull();
    assertThat(included.getProperty(AutoDetection.INCLUDE)).isEqualTo(OTHER);
  }

  @Test
  void loopOn_autoDetectionConfiguredInJunitPlatformProperties_systemPropertiesUntouched() throws Exception {
    Files.writeString(directory.resolve(AutoDetection.CONFIG_FILE), AutoDetection.ENABLED + "=true\n");
    Properties file;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, null)) {
      file = AutoDetection.configFile(loader);
    }
    Properties properties = loopOn();

    AutoDetection.apply(properties, file, true, List.of(AutoDetection.EXTENSION, OTHER));

    assertThat(properties.getProperty(AutoDetection.INCLUDE))
        .as("a system property would override the file and drop the user's other extensions").isNull();
    assertThat(properties.getProperty(AutoDetection.ENABLED)).isNull();
  }

  @Test
  void includeSupported_trueExactlyFromJupiter512() throws Exception {
    assertThat(AutoDetection.includeSupported(getClass().getClassLoader())).as("Jupiter " + JupiterVersion.running())
        .isEqualTo(JupiterVersion.atLeast(5, 12));
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThat(AutoDetection.includeSupported(empty)).as("no Jupiter engine").isFalse();
    }
  }

  @Test
  void autoDetectable_readsEveryServicesFileOnTheClassPath() throws Exception {
    Path services = directory.resolve(AutoDetection.SERVICES);
    Files.createDirectories(services.getParent());
    Files.writeString(services, "# extensions\n" + OTHER + "  # a comment\n\n");

    List<String> names;
    URL[] root = {directory.toUri().toURL()};
    try (URLClassLoader loader = new URLClassLoader(root, getClass().getClassLoader())) {
      names = AutoDetection.autoDetectable(loader);
    }

    assertThat(names).containsExactlyInAnyOrder(AutoDetection.EXTENSION, OTHER);
  }

  private static Properties loopOn() {
    Properties properties = new Properties();
    properties.setProperty("reload.loop", "true");
    return properties;
  }
}
