package io.github.reloadloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.support.ForkedJvm;
import io.github.reloadloop.core.support.ShortLivedReloader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a reloader leaves behind in the user's directories when its JVM ends soon after start: nothing. */
class AutoReloaderCloseTests {

  private static final int RUNS = 8;

  @TempDir
  Path directory;

  @Test
  @Timeout(300)
  void jvmEndingRightAfterStart_repeated_noAttachFileAndNoOverlayLeft() throws Exception {
    Path root = Files.createDirectories(directory.resolve("src/main/java/demo"));
    Files.writeString(root.resolve("Demo.java"), "package demo;\npublic class Demo {}\n");
    Files.createDirectories(directory.resolve("target/classes"));

    for (int run = 1; run <= RUNS; run++) {
      ForkedJvm.Result result = ForkedJvm.run(directory,
          List.of("-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true"),
          ShortLivedReloader.class, directory.resolve("src/main/java").toString(), Integer.toString(40 * run));

      assertThat(result.exitCode()).as("run %d: %s", run, result.output()).isZero();
      assertThat(leftovers()).as("run %d", run).isEmpty();
    }
  }

  private List<String> leftovers() throws Exception {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.map(p -> directory.relativize(p).toString())
          .filter(name -> name.contains(".attach_pid") || name.startsWith("target/reload-loop")).toList();
    }
  }
}
