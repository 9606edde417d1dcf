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
  void nothingSet_loopOffAndRootsDiscoveredFromTheClassPath() throws Exception {
    Files.createDirectories(module.resolve("src/main/java"));

    LoopConfiguration configuration = read(Map.of());

    assertThat(configuration.enabled()).isFalse();
    assertThat(configuration.discover()).isTrue();
    assertThat(configuration.sourceRoots()).as("found by the reloader, from the class path").isEmpty();
    assertThat(configuration.missingRoots()).isEmpty();
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
    assertThat(configuration.discover()).as("reload.dir replaces the default").isFalse();
    assertThat(configuration.sourceRoots()).containsExactly(module.resolve("app/src"), elsewhere);
    assertThat(configuration.missingRoots()).containsExactly(module.resolve("missing/dir"));
  }

  @Test
  void reloadDirAdd_appendsToTheDefault_orToReloadDir() throws Exception {
    Path app = Files.createDirectories(module.resolve("app/src/main/java")).getParent().getParent().getParent();
    Path core = Files.createDirectories(module.resolve("core/src/test/java"));

    LoopConfiguration added = LoopConfiguration.read(
        key -> Optional.ofNullable(Map.of("reload.dir.add", "../core/src/test/java,../gone").get(key)), app);
    LoopConfiguration both = LoopConfiguration.read(key -> Optional.ofNullable(Map.of("reload.dir", "src/main/java",
        "reload.dir.add", "../core/src/test/java").get(key)), app);

    assertThat(added.discover()).isTrue();
    assertThat(added.sourceRoots()).containsExactly(core);
    assertThat(added.missingRoots()).containsExactly(module.resolve("gone"));
    assertThat(both.discover()).isFalse();
    assertThat(both.sourceRoots()).containsExactly(app.resolve("src/main/java"), core);
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
  void emptyValueOfReloadLoop_meansTrue_asMavenSetsItForBareDashD() {
    assertThat(read(Map.of("reload.loop", "")).enabled()).isTrue();
    assertThat(read(Map.of("reload.loop", "FALSE")).enabled()).isFalse();
  }
}
