package io.github.reloadloop.junit.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reloadloop.core.api.CompilerChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    assertThat(configuration.consoleFactory()).isEqualTo("auto");
    assertThat(configuration.attachTimeout()).isEqualTo(Duration.ofMinutes(5));
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
  void evalTimeout_tenSecondsByDefault_numbersWithOrWithoutAUnit() throws Exception {
    assertThat(read(Map.of()).evalTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(read(Map.of("reload.eval.timeout", "3")).evalTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(read(Map.of("reload.eval.timeout", "500 ms")).evalTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(read(Map.of("reload.eval.timeout", "2m")).evalTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(read(Map.of("reload.eval.timeout", " 1 H ")).evalTimeout()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void attachTimeout_aDuration_aBadValueNamesTheKey() throws Exception {
    assertThat(read(Map.of("reload.attach.timeout", "90 s")).attachTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> read(Map.of("reload.attach.timeout", "soon")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith("reload.attach.timeout=soon is not a duration");
  }

  @Test
  void evalTimeout_badValue_messageNamesKeyValueAndWhatIsAccepted() {
    for (String bad : new String[] {"0", "-1 s", "soon", "10 days"}) {
      assertThatThrownBy(() -> read(Map.of("reload.eval.timeout", bad)))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessage("reload.eval.timeout=" + bad + " is not a duration: use a positive number with an optional"
              + " unit ms, s (the default), m or h, such as 10 s");
    }
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
  void reloadTiming_defaultOff_trueTurnsItOn_badValueNamed() {
    assertThat(read(Map.of()).timing()).isFalse();
    assertThat(read(Map.of("reload.timing", "true")).timing()).isTrue();
    assertThatThrownBy(() -> read(Map.of("reload.timing", "yes")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("reload.timing=yes is not a boolean: use true or false");
  }

  @Test
  void reloadWarmUp_atStartByDefault_failureWaits_badValueNamed() {
    assertThat(read(Map.of()).warmUpAtStart()).isTrue();
    assertThat(read(Map.of("reload.warmup", " Failure")).warmUpAtStart()).isFalse();
    assertThat(read(Map.of("reload.warmup", "start")).warmUpAtStart()).isTrue();
    assertThatThrownBy(() -> read(Map.of("reload.warmup", "early")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("reload.warmup=early is not a choice: use start (the compiler warms up as the run starts)"
            + " or failure (at the first failure)");
  }

  @Test
  void emptyValueOfReloadLoop_meansTrue_asMavenSetsItForBareDashD() {
    assertThat(read(Map.of("reload.loop", "")).enabled()).isTrue();
    assertThat(read(Map.of("reload.loop", "FALSE")).enabled()).isFalse();
  }

  @Test
  void processorPath_pathSeparatedOrCommaSeparated_resolvedAgainstTheModule() throws Exception {
    Path jar = Files.createFile(module.resolve("mapstruct-processor.jar"));
    Path classes = Files.createDirectories(module.resolve("processors/classes"));

    assertThat(read(Map.of("reload.loop", "true")).processorPath()).isEmpty();
    assertThat(read(Map.of("reload.loop", "true",
        "reload.processorpath", "mapstruct-processor.jar" + java.io.File.pathSeparator + classes))
        .processorPath()).containsExactly(jar, classes);
    assertThat(read(Map.of("reload.loop", "true",
        "reload.processorpath", " mapstruct-processor.jar , processors/classes ,"))
        .processorPath()).containsExactly(jar, classes);
  }

  @Test
  void processorPathEntryMissing_messageNamesKeyEntryAndWhatIsAccepted() {
    assertThatThrownBy(() -> read(Map.of("reload.loop", "true", "reload.processorpath", "lib/nothing.jar")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("reload.processorpath=lib/nothing.jar")
        .hasMessageContaining(module.resolve("lib/nothing.jar") + ", which does not exist")
        .hasMessageContaining("jar files or class directories");
  }

  @Test
  void loopOff_processorPathEntryMissing_noErrorBecauseThePlainRunDoesNotUseIt() {
    assertThat(read(Map.of("reload.processorpath", "lib/nothing.jar")).processorPath()).isEmpty();
  }
}
