package io.github.reloadloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompiledPatch;
import io.github.reloadloop.core.internal.compile.PatchCompiler.TriedPatch;
import io.github.reloadloop.core.internal.watch.ChangeSet;
import io.github.reloadloop.core.support.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** When a patch compiled early is used, on a compile the test holds and releases. */
@Timeout(20)
class EarlyCompileUnitTests {

  @TempDir
  Path directory;
  private Path a;
  private Path b;

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<List<Path>> compiled = new CopyOnWriteArrayList<>();

  @BeforeEach
  void saveFiles() throws IOException {
    a = Files.writeString(directory.resolve("A.java"), "class A {}");
    b = Files.writeString(directory.resolve("B.java"), "class B {}");
  }

  private TriedPatch compile(List<Path> files) {
    compiled.add(files);
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new TriedPatch(new CompiledPatch(files, List.of(), List.of(), "javac", Duration.ofMillis(7), List.of()),
        null, Set.copyOf(files));
  }

  private static ChangeSet batch(long lastEvent, Path... changed) {
    return new ChangeSet(List.of(changed), List.of(), 0, lastEvent, List.of());
  }

  @Test
  void sameFilesNoLaterEvent_take_theEarlyPatch() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      early.quiet(List.of(a), 100);
      release.countDown();

      EarlyCompile.Patch patch = early.take(batch(50, a));

      assertThat(patch).isNotNull();
      assertThat(patch.tried().patch().sources()).containsExactly(a);
      assertThat(early.take(batch(50, a))).as("taken once").isNull();
    }
  }

  @Test
  void eventAfterTheCompileStarted_take_dropped() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      early.quiet(List.of(a), 100);
      early.quiet(List.of(a), 150); // The editor wrote again while the first compile ran: not started twice.
      release.countDown();

      assertThat(early.take(batch(150, a))).isNull();
      assertThat(compiled).containsExactly(List.of(a));
    }
  }

  @Test
  void otherFilesOrADeletion_take_dropped() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      release.countDown();
      early.quiet(List.of(a), 100);
      assertThat(early.take(batch(50, a, b))).isNull();

      early.quiet(List.of(a), 100);
      assertThat(early.take(new ChangeSet(List.of(a), List.of(b), 0, 50, List.of()))).isNull();
    }
  }

  @Test
  void compileStillRunning_take_waitsForItBeforeTheCallerCompiles() throws Exception {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      early.quiet(List.of(a), 100);
      Thread releaser = new Thread(() -> {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
        release.countDown();
      });
      releaser.start();

      assertThat(early.take(batch(150, a))).isNull();
      assertThat(release.getCount()).as("returned only once the early compile had ended").isZero();
    }
  }

  @Test
  void compileFails_take_noPatch() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(files -> {
      throw new IllegalStateException("compiler crashed");
    })) {
      early.quiet(List.of(a), 100);

      assertThat(early.take(batch(50, a))).isNull();
      assertThat(early.dropped()).isEqualTo(1);
    }
  }

  @Test
  void compileThrowsAnError_take_noPatch_doesNotWaitForever() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(files -> {
      throw new StackOverflowError("deep generics");
    })) {
      early.quiet(List.of(a), 100);

      assertThat(early.take(batch(50, a))).isNull();
      early.quiet(List.of(a), 200); // The early thread still takes work.
      assertThat(early.take(batch(150, a))).isNull();
      assertThat(early.dropped()).isEqualTo(2);
    }
  }

  @Test
  void emptyFile_quiet_nothingStarted() throws Exception {
    Files.writeString(a, ""); // An editor truncated it; its write comes next.
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      release.countDown();
      early.quiet(List.of(a, b), 100);

      assertThat(early.take(batch(50, a, b))).isNull();
      assertThat(compiled).isEmpty();
    }
  }

  @Test
  void finishedCompileOvertakenByLaterEvents_quiet_replacedAndCountedAsDropped() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      release.countDown();
      early.quiet(List.of(a), 100);
      Await.until("the first compile over", () -> !early.compiling());
      early.quiet(List.of(a), 300); // The editor wrote again, and its events went quiet again.

      EarlyCompile.Patch patch = early.take(batch(250, a));

      assertThat(patch).isNotNull();
      assertThat(compiled).hasSize(2);
      assertThat(early.used()).isEqualTo(1);
      assertThat(early.dropped()).isEqualTo(1);
    }
  }

  @Test
  void nothingStarted_take_null() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      assertThat(early.take(batch(50, a))).isNull();
    }
  }
}
