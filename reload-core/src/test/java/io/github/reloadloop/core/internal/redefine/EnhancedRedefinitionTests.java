package io.github.reloadloop.core.internal.redefine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnhancedRedefinitionTests {

  @Test
  void flagOn_fromArguments_enabled() {
    assertThat(EnhancedRedefinition.fromArguments(List.of("-Xmx1g", "-XX:+AllowEnhancedClassRedefinition"))).isTrue();
  }

  @Test
  void flagOnThenOff_fromArguments_lastWins() {
    assertThat(EnhancedRedefinition.fromArguments(
        List.of("-XX:+AllowEnhancedClassRedefinition", "-XX:-AllowEnhancedClassRedefinition"))).isFalse();
    assertThat(EnhancedRedefinition.fromArguments(
        List.of("-XX:-AllowEnhancedClassRedefinition", "-XX:+AllowEnhancedClassRedefinition"))).isTrue();
  }

  @Test
  void noFlag_fromArguments_disabled() {
    assertThat(EnhancedRedefinition.fromArguments(List.of())).isFalse();
    assertThat(EnhancedRedefinition.fromArguments(List.of("-XX:+AllowEnhancedClassRedefinitionX"))).isFalse();
  }

  @Test
  void optionValues_fromVmOption_onlyTrueEnables() {
    assertThat(EnhancedRedefinition.fromVmOption("true")).isTrue();
    assertThat(EnhancedRedefinition.fromVmOption("TRUE")).isTrue();
    assertThat(EnhancedRedefinition.fromVmOption("false")).isFalse();
    assertThat(EnhancedRedefinition.fromVmOption(null)).isFalse();
  }

  @Test
  void standardTestJvm_available_false() {
    assertThat(EnhancedRedefinition.available()).isFalse();
  }
}
