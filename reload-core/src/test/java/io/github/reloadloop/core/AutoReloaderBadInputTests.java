package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a developer types while editing: broken, half-typed, deleted, misplaced and mis-encoded files. */
@Timeout(60)
class AutoReloaderBadInputTests {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path directory;

  private static String shop(String pkg, String body) {
    return "package " + pkg + ";\npublic class Shop {\n  public static String price() {\n    " + body + "\n  }\n}\n";
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void syntaxError_save_problemWithLocationOldCodeRunsAndNextGoodSaveApplies(CompilerKind kind) throws Exception {
    String pkg = "syntax" + kind.name().toLowerCase();
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write(pkg + "/Shop.java", shop(pkg, "return \"p1\";"));
      project.build(kind);
      Class<?> shop = project.load(pkg + ".Shop");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write(pkg + "/Shop.java", shop(pkg, "return \"p2\" +;"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(shop, "price")).isEqualTo("p1");
        assertThat(events.problems).isNotEmpty();
        CompileProblem problem = events.problems.get(0);
        assertThat(problem.file()).isEqualTo(file);
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isPositive();
        assertThat(problem.message()).isNotBlank();
        assertThat(problem.toString()).contains("Shop.java:4:" + problem.column() + ": ");
        assertThat(reloader.status().problems()).isNotEmpty();

        project.write(pkg + "/Shop.java", shop(pkg, "return \"p3\";"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(shop, "price")).isEqualTo("p3");
        assertThat(reloader.status().problems()).isEmpty();
        assertThat(reloader.status().upToDate()).isTrue();
      }
    }
  }

  @Test
  void halfTypedFile_save_failsThenCompletedFileApplies() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("half/Shop.java", shop("half", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      Class<?> shop = project.load("half.Shop");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        String complete = shop("half", "return \"p2\";");
        project.write("half/Shop.java", complete.substring(0, complete.indexOf("\"p2\"") + 2));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.problems).isNotEmpty();
        assertThat(call(shop, "price")).isEqualTo("p1");

        project.write("half/Shop.java", complete);
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(shop, "price")).isEqualTo("p2");
      }
    }
  }

  @Test
  void fileFailingForMissingClass_nextBatchAddsClass_retriedTogetherAndApplied() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("retried/Shop.java", shop("retried", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      Class<?> shop = project.load("retried.Shop");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("retried/Shop.java", shop("retried", "return Tax.rate();"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
        assertThat(events.problems).anyMatch(p -> p.message().contains("Tax"));

        project.write("retried/Tax.java", "package retried;\npublic class Tax {\n"
            + "  public static String rate() { return \"20%\"; }\n}\n");
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(shop, "price")).isEqualTo("20%");
        assertThat(events.results).last().extracting(ReloadResult::changedFiles).asList()
            .contains(project.file("retried/Shop.java"), project.file("retried/Tax.java"));
      }
    }
  }

  @Test
  void fileDeleted_save_warningAndClassesKeepRunning() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("gone/Shop.java", shop("gone", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      Class<?> shop = project.load("gone.Shop");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        Files.delete(file);
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.warnings).anyMatch(w -> w.contains("deleted") && w.contains("Shop.java"));
        assertThat(events.results).last().extracting(ReloadResult::deletedFiles).asList().containsExactly(file);
        assertThat(call(shop, "price")).isEqualTo("p1");
        assertThat(events.problems).isEmpty();
      }
    }
  }

  @Test
  void publicClassRenamedToWrongFile_save_compileErrorNamesTheClass() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("renamed/Shop.java", shop("renamed", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      project.load("renamed.Shop");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        Files.move(file, file.resolveSibling("Store.java"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.problems).anyMatch(p -> p.file().endsWith("Store.java") && p.message().contains("Shop"));
      }
    }
  }

  @Test
  void packageNotMatchingDirectory_save_warningAndStillCompiled() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("placed/Shop.java", shop("placed", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("placed/wrong/Misplaced.java", "package placed;\npublic class Misplaced {}\n");
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.warnings).anyMatch(w -> w.contains("Misplaced.java") && w.contains("declares package 'placed'"));
        assertThat(events.compiled("placed.Misplaced")).isTrue();
        assertThat(reloader.status().overlayDirectories().get(project.out).resolve("placed/Misplaced.class"))
            .isRegularFile();
      }
    }
  }

  @Test
  void nonUtf8File_save_problemNamesTheByte() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("latin/Shop.java", shop("latin", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      Class<?> shop = project.load("latin.Shop");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        Files.write(file, shop("latin", "return \"caf\u00e9\";").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.problems).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo(file);
          assertThat(p.line()).isEqualTo(4);
          assertThat(p.message()).contains("byte 0xE9", "UTF-8");
        });
        assertThat(call(shop, "price")).isEqualTo("p1");
      }
    }
  }

  @Test
  void fileOutsideRoots_reload_illegalArgumentNamingIt() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path outside = Files.writeString(directory.resolve("Outside.java"), "class Outside {}");

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        assertThatThrownBy(() -> reloader.reload(outside))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(outside.toAbsolutePath().toString());
      }
    }
  }

  @Test
  void missingRoot_watch_illegalArgumentNamingAbsolutePath() {
    Path missing = directory.resolve("no/such/src");

    assertThatThrownBy(() -> AutoReloader.watch(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString());
  }

  @Test
  void relativeMissingRoot_watch_messageShowsAbsolutePath() {
    assertThatThrownBy(() -> AutoReloader.watch(Path.of("does-not-exist-" + System.nanoTime())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Path.of("").toAbsolutePath().toString());
  }

  @Test
  void wholeSession_anyEdits_sourcesAndBuildOutputByteForByteAsWrittenAndOverlayRemoved() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Map<String, String> written = new HashMap<>();
      project.write("clean/Shop.java", shop("clean", "return \"p1\";"));
      written.put("clean/Shop.java", shop("clean", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      Map<String, String> built = SampleProject.checksums(project.out);
      Class<?> shop = project.load("clean.Shop");
      RecordingListener events = new RecordingListener();
      Path overlay;

      try (AutoReloader reloader = project.reloader(events).start()) {
        overlay = reloader.status().overlayDirectories().get(project.out);
        String[][] saves = {
            {"clean/Shop.java", shop("clean", "return \"p2\";")},
            {"clean/Shop.java", shop("clean", "return \"p3\" +;")},
            {"clean/Extra.java", "package clean;\npublic class Extra { public int x() { return 1; } }\n"},
            {"clean/Shop.java", shop("clean", "return new Extra().x() + \"\";")},
            {"clean/Shop.java", shop("clean", "return \"p5\"; }\n  public static int added() { return 5;")},
        };
        for (String[] save : saves) {
          project.write(save[0], save[1]);
          written.put(save[0], save[1]);
          assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
        }
        assertThat(call(shop, "price")).isEqualTo("1");
        assertThat(reloader.status().refused()).containsKey("clean.Shop");
        assertThat(overlay.resolve("clean/Shop.class")).isRegularFile();
      }
      assertThat(project.sourceTree()).isEqualTo(written);
      assertThat(SampleProject.checksums(project.out)).isEqualTo(built);
      assertThat(overlay).doesNotExist();
      assertThat(directory.resolve("target/reload-loop")).doesNotExist();
    }
  }

  @Test
  void overlayCannotBeCreated_start_warningNamesItAndExistingClassesStillReload() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("blocked/Shop.java", shop("blocked", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      Class<?> shop = project.load("blocked.Shop");
      Path blocker = Files.writeString(directory.resolve("target/reload-loop"), "a file where the directory goes");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("blocked/Shop.java", shop("blocked", "return \"p2\";"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(shop, "price")).isEqualTo("p2");
        assertThat(events.warnings).anyMatch(w -> w.contains("cannot create the reload directory " + blocker));
        assertThat(reloader.status().overlayDirectories()).isEmpty();
      }
      assertThat(blocker).hasContent("a file where the directory goes");
    }
  }

  @Test
  void overlayOfAProcessThatEnded_start_removed() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("left/Shop.java", shop("left", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      Process ended = new ProcessBuilder("true").start();
      ended.waitFor();
      Path leftover = Files.createDirectories(directory.resolve("target/reload-loop/" + ended.pid() + "-1/classes/left"));
      Files.writeString(leftover.resolve("Shop.class"), "stale");
      Path alive = Files.createDirectories(directory.resolve("target/reload-loop/" + ProcessHandle.current().pid() + "-x"));

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        assertThat(directory.resolve("target/reload-loop/" + ended.pid() + "-1")).doesNotExist();
        assertThat(alive).isDirectory();
      }
    }
  }

  @Test
  void closedReloader_awaitPendingReloads_returnsAtOnce() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      AutoReloader reloader = project.reloader(new RecordingListener()).start();
      reloader.close();
      reloader.close();

      assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
    }
  }

  @Test
  void corruptClassFileInOutput_start_reloaderStillWorks() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("corrupt/Shop.java", shop("corrupt", "return \"p1\";"));
      project.build(CompilerKind.JAVAC);
      Files.write(project.out.resolve("corrupt/Aaa.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1});
      Class<?> shop = project.load("corrupt.Shop");

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        project.write("corrupt/Shop.java", shop("corrupt", "return \"p2\";"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(shop, "price")).isEqualTo("p2");
      }
    }
  }

  @Test
  void manyReloadersOpenedAndClosed_close_releaseTheirOpenFiles() throws Exception {
    Path descriptors = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(descriptors), "needs /proc/self/fd");
    try (SampleProject project = new SampleProject(directory)) {
      project.write("leak/Shop.java", shop("leak", "return \"p0\";"));
      project.build(CompilerKind.JAVAC);
      Class<?> shop = project.load("leak.Shop");
      long before = 0;
      for (int round = 1; round <= 6; round++) {
        if (round == 2) {
          before = countEntries(descriptors);
        }
        try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
          project.write("leak/Shop.java", shop("leak", "return \"p" + round + "\";"));
          assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
          assertThat(call(shop, "price")).isEqualTo("p" + round);
        }
      }

      // Each reloader's compiler opens every jar of the classpath; five leaked reloaders would hold 50 and more.
      assertThat(countEntries(descriptors) - before).isLessThan(15);
    }
  }

  private static long countEntries(Path directory) throws java.io.IOException {
    try (var entries = Files.list(directory)) {
      return entries.count();
    }
  }
}
