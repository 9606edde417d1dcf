package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How editors save, seen through the watcher alone: these tests never call awaitPendingReloads (which
 * scans the sources itself) but poll the listener until the reload shows up.
 */
@Timeout(60)
class AutoReloaderWatchTests {

  // Longer than the default so that a descheduled test thread cannot split an editor's delete and create
  // into two batches on a busy machine; editors do both within microseconds.
  private static final Duration DEBOUNCE = Duration.ofMillis(150);

  @TempDir
  Path directory;

  private static String counter(String pkg, int value) {
    return "package " + pkg + ";\npublic class Counter {\n  public static int value() { return " + value + "; }\n}\n";
  }

  private interface Save {
    void save(SampleProject project, Path target, String text) throws Exception;
  }

  private void saveIsReloadedNeverDeleted(String pkg, Save save) throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write(pkg + "/Counter.java", counter(pkg, 1));
      project.build(CompilerKind.JAVAC);
      Class<?> counter = project.load(pkg + ".Counter");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).debounce(DEBOUNCE).start()) {
        save.save(project, file, counter(pkg, 2));

        Await.until(() -> "Counter redefined; " + events, () -> events.redefined(pkg + ".Counter"));
        assertThat(call(counter, "value")).isEqualTo(2);
        assertThat(events.deletedFiles()).isEmpty();
        assertThat(events.warnings).noneMatch(w -> w.contains("deleted"));
        assertThat(events.changes).allSatisfy(c -> assertThat(c).allMatch(p -> p.toString().endsWith(".java")));
      }
    }
  }

  @Test
  void inPlaceWriteTwice_save_reloaded() throws Exception {
    saveIsReloadedNeverDeleted("inplace", (project, target, text) -> {
      Files.writeString(target, text);
      Files.writeString(target, text);
    });
  }

  @Test
  void vimStyleWriteWithNoise_save_reloadedAndNoiseIgnored() throws Exception {
    saveIsReloadedNeverDeleted("vim", (project, target, text) -> {
      Path swap = target.resolveSibling(".Counter.java.swp");
      Files.writeString(swap, "swap");
      Path probe = target.resolveSibling("4913");
      Files.writeString(probe, "");
      Files.delete(probe);
      Files.copy(target, target.resolveSibling("Counter.java~"));
      Files.writeString(target, text);
      Files.delete(swap);
    });
  }

  @Test
  void tempFileThenAtomicRename_save_reloaded() throws Exception {
    saveIsReloadedNeverDeleted("atomic", (project, target, text) -> {
      Path temporary = target.resolveSibling(".Counter.java.4711.tmp");
      Files.writeString(temporary, text);
      Files.move(temporary, target, ATOMIC_MOVE, REPLACE_EXISTING);
    });
  }

  @Test
  void intellijSafeWrite_save_reloaded() throws Exception {
    saveIsReloadedNeverDeleted("intellij", (project, target, text) -> {
      Path temporary = target.resolveSibling("Counter.java___jb_tmp___");
      Path old = target.resolveSibling("Counter.java___jb_old___");
      Files.writeString(temporary, text);
      Files.move(target, old);
      Files.move(temporary, target);
      Files.delete(old);
    });
  }

  @Test
  void deleteThenCreate_save_reloaded() throws Exception {
    saveIsReloadedNeverDeleted("deletecreate", (project, target, text) -> {
      Files.delete(target);
      Files.writeString(target, text);
    });
  }

  @Test
  void slowSafeWrite_createArrivesAfterTheDefaultDebounce_reloadedNotDeleted() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("slow/Counter.java", counter("slow", 1));
      project.build(CompilerKind.JAVAC);
      Class<?> counter = project.load("slow.Counter");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(60))).as("reloader ready").isTrue();
        Files.delete(file);
        // The editor's write of the new content comes 40 ms after the delete: longer than the 10 ms
        // debounce, so the batch is taken while the file is missing.
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(40).toNanos());
        Files.writeString(file, counter("slow", 2));

        Await.until(() -> "Counter redefined; " + events, () -> events.redefined("slow.Counter"));
        assertThat(call(counter, "value")).isEqualTo(2);
        assertThat(events.warnings).noneMatch(w -> w.contains("deleted"));
      }
    }
  }

  @Test
  void newPackageDirectoryCreatedLater_newFile_definedInTheProjectsLoader() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("later/Counter.java", counter("later", 1));
      project.build(CompilerKind.JAVAC);
      Class<?> counter = project.load("later.Counter");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        Path deep = Files.createDirectories(project.root.resolve("later/sub/deeper"));
        Files.writeString(deep.resolve("Fresh.java"),
            "package later.sub.deeper;\npublic class Fresh { public static String hi() { return \"fresh\"; } }\n");

        Await.until(() -> "Fresh added; " + events,
            () -> events.results.stream().anyMatch(r -> r.addedClasses().contains("later.sub.deeper.Fresh")));
        Class<?> fresh = project.load("later.sub.deeper.Fresh");
        assertThat(fresh.getClassLoader()).isSameAs(counter.getClassLoader());
        assertThat(call(fresh, "hi")).isEqualTo("fresh");
        assertThat(reloader.status().overlayDirectories().get(project.out).resolve("later/sub/deeper/Fresh.class"))
            .isRegularFile();
        assertThat(project.out.resolve("later/sub/deeper")).doesNotExist();
      }
    }
  }

  @Test
  void nonJavaFiles_written_neverReported() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("noise/Counter.java", counter("noise", 1));
      project.build(CompilerKind.JAVAC);
      Class<?> counter = project.load("noise.Counter");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        for (String name : new String[] {".Counter.java.swp", "4913", "Counter.java~", "Counter.java___jb_tmp___",
            "notes.txt", ".java", "Counter.class"}) {
          project.write("noise/" + name, "junk");
        }
        project.write("noise/Counter.java", counter("noise", 3));

        Await.until(() -> "Counter redefined; " + events, () -> events.redefined("noise.Counter"));
        assertThat(call(counter, "value")).isEqualTo(3);
        assertThat(events.changes).flatMap(c -> c).containsOnly(project.file("noise/Counter.java"));
      }
    }
  }

  @Test
  void burstOf500NewFiles_written_compiledInFewBatches() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("burst/Counter.java", counter("burst", 1));
      project.build(CompilerKind.JAVAC);
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        for (int i = 0; i < 500; i++) {
          project.write("burst/gen/Gen" + i + ".java",
              "package burst.gen;\npublic class Gen" + i + " { int id() { return " + i + "; } }\n");
        }

        Await.until(() -> "500 classes compiled; " + events.compiles.size() + " compiles",
            () -> events.compiles.stream().flatMap(c -> c.stream()).distinct().count() >= 500);
        assertThat(events.compiles).hasSizeLessThan(20);
        assertThat(events.problems).isEmpty();
      }
    }
  }
}
