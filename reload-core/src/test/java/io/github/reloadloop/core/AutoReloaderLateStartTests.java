package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reloader started after the program ({@code changedSince}, as the loop starts one at the first failure):
 * sources saved since the program started and newer than their class files are applied at start; none else.
 */
@Timeout(60)
class AutoReloaderLateStartTests {

  @TempDir
  Path directory;

  private static String valueClass(String name, int value) {
    return "package late;\npublic class " + name + " {\n  public static int value() { return " + value + "; }\n}\n";
  }

  /** Sets every file below {@code tree} to {@code time}, as if written then. */
  private static void touchAll(Path tree, Instant time) throws IOException {
    try (Stream<Path> files = Files.walk(tree)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        try {
          Files.setLastModifiedTime(file, FileTime.from(time));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  @Test
  void saveMadeAfterTheProgramStarted_beforeTheReloader_appliedAtStart_othersLeftAlone() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path counter = project.write("late/Counter.java", valueClass("Counter", 1));
      project.write("late/Other.java", valueClass("Other", 1));
      project.build(CompilerKind.JAVAC);
      Instant now = Instant.now();
      touchAll(project.root, now.minusSeconds(30)); // Sources written, then built, then the program started.
      touchAll(project.out, now.minusSeconds(20));
      Instant programStart = now.minusSeconds(10);
      Class<?> loaded = project.load("late.Counter");
      project.write("late/Counter.java", valueClass("Counter", 2)); // Saved while no reloader ran yet.
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).changedSince(programStart).start()) {
        Await.until(() -> "Counter redefined; " + events, () -> events.redefined("late.Counter"));
        assertThat(call(loaded, "value")).isEqualTo(2);
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();
        assertThat(events.changes).flatMap(c -> c).containsOnly(counter);
      }
    }
  }

  @Test
  void sourceSavedAfterTheProgramStarted_butBuiltAfterIt_notRecompiled() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Instant programStart = Instant.now().minusSeconds(60);
      project.write("late/Counter.java", valueClass("Counter", 1));
      project.build(CompilerKind.JAVAC);
      Instant now = Instant.now();
      touchAll(project.root, now.minusSeconds(20)); // After the program started, but before its build.
      touchAll(project.out, now.minusSeconds(10));
      project.load("late.Counter");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).changedSince(programStart).start()) {
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();
        assertThat(events.changes).isEmpty();
        assertThat(events.results).isEmpty();
      }
    }
  }
}
