package io.github.reloadloop.junit.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reloadloop.core.CompilerChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

class LoopConfigurationTests {

  @TempDir Path module;

  private LoopConfiguration read(Map<String, String> parameters) {
    return LoopConfiguration.read(key -> Optional.ofNullable(parameters.get(key)), module);
  }

  @Test
  void nothingSet_loopOffAndMavenRootsThatExist() throws Exception {
    Files.createDirectories(module.resolve("src/main/java"));

    LoopConfiguration configuration = read(Map.of());

    assertThat(configuration.enabled()).isFalse();
    assertThat(configuration.sourceRoots()).containsExactly(module.resolve("src/main/java"));
    assertThat(configuration.missingRoots()).as("defaults that do not exist are not reported").isEmpty();
    assertThat(configuration.compiler()).isEqualTo(CompilerChoice.AUTO);
    assertThat(configuration.consoleFactory()).isEqualTo("tty");
  }

  @Test
  void commaSeparatedRelativeAndAbsoluteDirectories_resolvedAgainstTheModule() throws Exception {
    Files.createDirectories(module.resolve("app/src"));
    Path elsewhere = Files.createDirectories(module.resolve("other"));

    LoopConfiguration configuration = read(Map.of("reload.loop", "true",
        "reload.dir", " app/src , " + elsewhere + ",missing/dir,"));

    assertThat(configuration.enabled()).isTrue();
    assertThat(configuration.sourceRoots()).containsExactly(module.resolve("app/src"), elsewhere);
    assertThat(configuration.missingRoots()).containsExactly(module.resolve("missing/dir"));
  }

  @Test
  void badValues_messageNamesKeyValueAndWhatIsAccepted() {
    assertThatThrownBy(() -> read(Map.of("reload.loop", "yes please")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("reload.loop=yes please is not a boolean: use true or false");
    assertThatThrownBy(() -> read(Map.of("reload.compiler", "gcj")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("reload.compiler=gcj").hasMessageContaining("auto, javac or ecj");
  }

  @Test
  void reloadAuto_defaultOn_falseTurnsItOff_badValueNamed() {
    assertThat(read(Map.of()).auto()).isTrue();
    assertThat(read(Map.of("reload.auto", "false")).auto()).isFalse();
    assertThat(read(Map.of("reload.auto", " True ")).auto()).isTrue();
    assertThatThrownBy(() -> read(Map.of("reload.auto", "sometimes")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("reload.auto=sometimes is not a boolean: use true or false");
  }

  @Test
  void emptyValueOfReloadLoop_meansTrue_asMavenSetsItForBareDashD() {
    assertThat(read(Map.of("reload.loop", "")).enabled()).isTrue();
    assertThat(read(Map.of("reload.loop", "FALSE")).enabled()).isFalse();
  }
}
