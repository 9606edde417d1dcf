package io.github.reloadloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.support.AbandonedReloader;
import io.github.reloadloop.core.support.ForkedJvm;
import io.github.reloadloop.core.support.ShortLivedReloader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reloader leaves behind in the user's directories and in the temporary directory when its JVM ends soon
 * after start (often during the compiler's warm-up, on a daemon thread): nothing.
 */
class AutoReloaderCloseTests {

  private static final int RUNS = 8;

  @TempDir
  Path directory;

  @Test
  @Timeout(300)
  void jvmEndingRightAfterStart_repeated_noAttachFileNoOverlayNoTemporaryFileLeft() throws Exception {
    Path temporary = demoProject();

    for (int run = 1; run <= RUNS; run++) {
      ForkedJvm.Result result = ForkedJvm.run(directory,
          List.of("-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
              "-Djava.io.tmpdir=" + temporary),
          ShortLivedReloader.class, directory.resolve("src/main/java").toString(), Integer.toString(40 * run));

      assertThat(result.exitCode()).as("run %d: %s", run, result.output()).isZero();
      assertThat(leftovers()).as("run %d", run).isEmpty();
      assertThat(reloaderFilesIn(temporary)).as("run %d: the reloader's files in the temporary directory", run)
          .isEmpty();
    }
  }

  @Test
  @Timeout(300)
  void jvmEndingDuringTheWarmUpWithoutClosing_repeated_nothingInTheTemporaryDirectoryAndOnlyTheLastOverlay()
      throws Exception {
    Path temporary = demoProject();

    for (int run = 1; run <= RUNS; run++) {
      // From a quarter of a second to two seconds: runs end before, during and after the first warm-up.
      ForkedJvm.Result result = ForkedJvm.run(directory,
          List.of("-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
              "-Djava.io.tmpdir=" + temporary),
          AbandonedReloader.class, directory.resolve("src/main/java").toString(), Integer.toString(250 * run));

      assertThat(result.exitCode()).as("run %d: %s", run, result.output()).isZero();
      assertThat(reloaderFilesIn(temporary)).as("run %d: the reloader's files in the temporary directory", run)
          .isEmpty();
      try (Stream<Path> owned = Files.list(directory.resolve("target/reload-loop"))) {
        assertThat(owned.toList()).as("run %d: the next reloader removes the directory of one that ended", run)
            .hasSize(1);
      }
    }
  }

  /** A one-class project in {@link #directory}; returns the temporary directory its JVMs are given. */
  private Path demoProject() throws Exception {
    Path root = Files.createDirectories(directory.resolve("src/main/java/demo"));
    Files.writeString(root.resolve("Demo.java"), "package demo;\npublic class Demo {}\n");
    Files.createDirectories(directory.resolve("target/classes"));
    return Files.createDirectories(directory.resolve("tmp"));
  }

  private static List<String> reloaderFilesIn(Path temporary) throws Exception {
    try (Stream<Path> files = Files.list(temporary)) {
      return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("reload-loop")).toList();
    }
  }

  private List<String> leftovers() throws Exception {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.map(p -> directory.relativize(p).toString())
          .filter(name -> name.contains(".attach_pid") || name.startsWith("target/reload-loop")).toList();
    }
  }
}
