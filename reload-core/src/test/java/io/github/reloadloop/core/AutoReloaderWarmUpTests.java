package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.compile.CompilerKind;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The compiler's warm-up after start takes the CPU only while the program says it is idle. */
@Timeout(60)
class AutoReloaderWarmUpTests {

  @TempDir
  Path directory;

  private static String counter(int value) {
    return "package warm;\npublic class Counter {\n  public static int value() { return " + value + "; }\n}\n";
  }

  @Test
  void programBusy_keepWarm_noRoundUntilIdleAgain() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("warm/Counter.java", counter(1));
      project.build(CompilerKind.JAVAC);
      Class<?> counter = project.load("warm.Counter");

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        reloader.idle(false);
        // A reload proves the first warm-up compiles are over: from then on only the idle state holds it back.
        project.write("warm/Counter.java", counter(2));
        reloader.reload(file);
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();
        assertThat(call(counter, "value")).isEqualTo(2);
        Thread.sleep(2500); // More than the pause after a batch, in which the warm-up would have gone on.

        assertThat(reloader.keptWarmRounds()).as("warm-up compiles while the program is busy").isZero();

        reloader.idle(true);
        Await.until("a warm-up compile once idle", () -> reloader.keptWarmRounds() > 0);
      }
    }
  }
}
