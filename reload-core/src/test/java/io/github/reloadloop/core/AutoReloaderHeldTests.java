package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reloader started held warms its compiler up beside the program and does nothing else it could notice (no
 * agent, no reload, no event) until it is released; then what was saved meanwhile is reloaded first.
 */
@Timeout(60)
class AutoReloaderHeldTests {

  @TempDir
  Path directory;

  private static String price(int value) {
    return "package held;\npublic class Price {\n  public static int value() { return " + value + "; }\n}\n";
  }

  @Test
  void held_warmsUpAndKeepsSaves_releaseReloadsThem() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("held/Price.java", price(1));
      project.build(CompilerKind.JAVAC);
      Class<?> price = project.load("held.Price");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).startHeld()) {
        assertThat(reloader.held()).isTrue();
        project.write("held/Price.java", price(2));
        reloader.reload(file);
        Await.until("the first warm-up to end while held", () -> reloader.firstWarmUpRounds() > 0);

        assertThat(reloader.firstWarmUpRounds()).as("compiles of the warm-up: a save does not cut a held one short")
            .isEqualTo(ReloadScheduler.WARM_UP_ROUNDS);
        assertThat(reloader.awaitPendingReloads(Duration.ofMillis(500))).as("the save was reloaded while held")
            .isFalse();
        assertThat(call(price, "value")).isEqualTo(1);
        assertThat(events.compiles).isEmpty();
        assertThat(events.results).isEmpty();
        assertThat(reloader.status().agent()).isEqualTo("not loaded: the reloader is held");

        reloader.release();

        assertThat(reloader.held()).isFalse();
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();
        assertThat(call(price, "value")).isEqualTo(2);
        assertThat(events.redefined).contains("held.Price");
        assertThat(reloader.status().agent()).isNotEqualTo("not loaded: the reloader is held");
        reloader.release(); // A second release does nothing.
      }
    }
  }

  @Test
  void heldNeverReleased_closes_leavingNothingBehind() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("held/Price.java", price(1));
      project.build(CompilerKind.JAVAC);
      project.load("held.Price");
      RecordingListener events = new RecordingListener();

      AutoReloader reloader = project.reloader(events).startHeld();
      reloader.close();

      Path own = directory.resolve("target/reload-loop");
      try (Stream<Path> left = Files.exists(own) ? Files.list(own) : Stream.empty()) {
        assertThat(left.toList()).as("the reloader's own directories").isEmpty();
      }
      assertThat(events.warnings).isEmpty();
      assertThat(Files.exists(directory.resolve(".attach_pid" + ProcessHandle.current().pid()))).isFalse();
      Await.until("the held reload thread to end", () -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(thread -> thread.getName().equals("reload-loop-reload") && isHeldWorkerOf(thread)));
    }
  }

  /** Whether {@code thread} waits for a release (the only place a held worker waits). */
  private static boolean isHeldWorkerOf(Thread thread) {
    return List.of(thread.getStackTrace()).stream()
        .anyMatch(frame -> frame.getMethodName().equals("awaitRelease"));
  }

  @Test
  void listeners_held_keepEveryEventInOrderUntilRelease() {
    RecordingListener events = new RecordingListener();
    Listeners listeners = new Listeners(List.of(events), true);
    listeners.warning("first");
    listeners.savedOutsideRoots(Path.of("/elsewhere/A.java"), Path.of("/src"));
    listeners.warning("second");

    assertThat(events.warnings).isEmpty();

    listeners.release();
    listeners.warning("third");

    assertThat(events.warnings).containsExactly("first", "second", "third");
  }
}
