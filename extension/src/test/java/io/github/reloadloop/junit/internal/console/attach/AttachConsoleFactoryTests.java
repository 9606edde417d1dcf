package io.github.reloadloop.junit.internal.console.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the attach console's socket goes, and what keeps it from being made. */
class AttachConsoleFactoryTests {

  @TempDir Path module;

  @Test
  void buildDirectory_fromTheModulesClassDirectories_mavenOrGradle_elseWhatExists() throws Exception {
    String maven = String.join(File.pathSeparator, "/elsewhere/lib.jar", module.resolve("target/test-classes").toString(),
        module.resolve("target/classes").toString());
    assertThat(AttachConsoleFactory.buildDirectory(module, maven)).isEqualTo(module.resolve("target"));
    String gradle = String.join(File.pathSeparator, module.resolve("build/classes/java/test").toString(),
        module.resolve("build/resources/test").toString());
    assertThat(AttachConsoleFactory.buildDirectory(module, gradle)).isEqualTo(module.resolve("build"));

    Files.createDirectories(module.resolve("build"));
    assertThat(AttachConsoleFactory.buildDirectory(module, "/elsewhere/lib.jar")).isEqualTo(module.resolve("build"));
  }

  @Test
  void socketDirectoryCannotBeMade_oneLineNamesIt() throws Exception {
    Files.createDirectories(module.resolve("target"));
    Files.writeString(module.resolve("target/reload-loop"), "a file where the directory would be");
    AttachConsoleFactory factory = new AttachConsoleFactory(module, Duration.ofMinutes(5));

    assertThat(factory.unavailableReason())
        .startsWith("cannot create the console's socket directory " + factory.directory() + " (");
  }

  @Test
  void readOnlyBuildDirectory_oneLineNamesIt() throws Exception {
    Path target = Files.createDirectories(module.resolve("target"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(target), "root writes into read-only directories");
      AttachConsoleFactory factory = new AttachConsoleFactory(module, Duration.ofMinutes(5));

      assertThat(factory.unavailableReason())
          .startsWith("cannot create the console's socket directory " + factory.directory());
    } finally {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void pathTooLongForASocketAddress_saysSo() throws Exception {
    Path deep = module.resolve("a".repeat(60)).resolve("b".repeat(60));
    Files.createDirectories(deep.resolve("target"));
    AttachConsoleFactory factory = new AttachConsoleFactory(deep, Duration.ofMinutes(5));

    assertThat(factory.unavailableReason()).contains("is longer than a Unix domain socket address can be (107 bytes)");
  }
}
