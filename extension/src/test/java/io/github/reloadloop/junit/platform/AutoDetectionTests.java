package io.github.reloadloop.junit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class AutoDetectionTests {

  @Test
  void loopOn_autoDetectionSwitchedOnForReloadLoopOnly() {
    Properties properties = new Properties();
    properties.setProperty("reload.loop", "true");

    AutoDetection.apply(properties);

    assertThat(properties.getProperty(AutoDetection.ENABLED)).isEqualTo("true");
    assertThat(properties.getProperty(AutoDetection.INCLUDE)).isEqualTo("io.github.reloadloop.junit.ReloadLoop");
  }

  @Test
  void loopOff_orAutoDetectionConfiguredByTheUser_propertiesUntouched() {
    Properties off = new Properties();
    AutoDetection.apply(off);
    assertThat(off).isEmpty();

    Properties configured = new Properties();
    configured.setProperty("reload.loop", "true");
    configured.setProperty(AutoDetection.ENABLED, "false");
    AutoDetection.apply(configured);
    assertThat(configured.getProperty(AutoDetection.ENABLED)).isEqualTo("false");
    assertThat(configured.getProperty(AutoDetection.INCLUDE)).isNull();
  }
}
