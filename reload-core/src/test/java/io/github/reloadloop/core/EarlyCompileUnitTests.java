package io.github.reloadloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.compile.CompiledPatch;
import io.github.reloadloop.core.watch.ChangeSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When a patch compiled early is used, on a compile the test holds and releases. */
@Timeout(20)
class EarlyCompileUnitTests {

  private static final Path A = Path.of("/src/shop/A.java");
  private static final Path B = Path.of("/src/shop/B.java");

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<List<Path>> compiled = new CopyOnWriteArrayList<>();

  private CompiledPatch compile(List<Path> files) {
    compiled.add(files);
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new CompiledPatch(files, List.of(), List.of(), "javac", Duration.ofMillis(7), List.of());
  }

  private static ChangeSet batch(long lastEvent, Path... changed) {
    return new ChangeSet(List.of(changed), List.of(), 0, lastEvent, List.of());
  }

  @Test
  void sameFilesNoLaterEvent_take_theEarlyPatch() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      early.quiet(List.of(A), 100);
      release.countDown();

      EarlyCompile.Patch patch = early.take(batch(50, A));

      assertThat(patch).isNotNull();
      assertThat(patch.patch().sources()).containsExactly(A);
      assertThat(early.take(batch(50, A))).as("taken once").isNull();
    }
  }

  @Test
  void eventAfterTheCompileStarted_take_dropped() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      early.quiet(List.of(A), 100);
      early.quiet(List.of(A), 150); // The editor wrote again while the first compile ran: not started twice.
      release.countDown();

      assertThat(early.take(batch(150, A))).isNull();
      assertThat(compiled).containsExactly(List.of(A));
    }
  }

  @Test
  void otherFilesOrADeletion_take_dropped() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      release.countDown();
      early.quiet(List.of(A), 100);
      assertThat(early.take(batch(50, A, B))).isNull();

      early.quiet(List.of(A), 100);
      assertThat(early.take(new ChangeSet(List.of(A), List.of(B), 0, 50, List.of()))).isNull();
    }
  }

  @Test
  void compileStillRunning_take_waitsForItBeforeTheCallerCompiles() throws Exception {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      early.quiet(List.of(A), 100);
      Thread releaser = new Thread(() -> {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
        release.countDown();
      });
      releaser.start();

      assertThat(early.take(batch(150, A))).isNull();
      assertThat(release.getCount()).as("returned only once the early compile had ended").isZero();
    }
  }

  @Test
  void compileFails_take_noPatch() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(files -> {
      throw new IllegalStateException("compiler crashed");
    })) {
      early.quiet(List.of(A), 100);

      assertThat(early.take(batch(50, A))).isNull();
    }
  }

  @Test
  void nothingStarted_take_null() throws InterruptedException {
    try (EarlyCompile early = new EarlyCompile(this::compile)) {
      assertThat(early.take(batch(50, A))).isNull();
    }
  }
}
