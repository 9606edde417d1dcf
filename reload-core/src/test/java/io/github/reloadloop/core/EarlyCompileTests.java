package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An editor's save is compiled while the debounce still waits; the patch is used only when nothing was written
 * after the compile read the file. A long debounce makes the two cases tell apart on any machine; each test
 * first waits until the reloader takes saves (its first warm-up is over), so that a save meets the batcher.
 */
@Timeout(60)
class EarlyCompileTests {

  private static final Duration DEBOUNCE = Duration.ofMillis(600);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path directory;

  private static String counter(String value) {
    return "package early;\npublic class Counter {\n  public static int value() { return " + value + "; }\n}\n";
  }

  /** Builds the project as it is and loads its Counter. */
  private static Class<?> buildCounter(SampleProject project) {
    project.build(CompilerKind.JAVAC);
    return project.load("early.Counter");
  }

  /**
   * A reloader with the long debounce, once it takes saves. Its saves come from {@link AutoReloader#reload}
   * alone: a watcher's event for the same write, arriving a few milliseconds later, would make the test's
   * early compile stale at random.
   */
  private static AutoReloader started(SampleProject project, RecordingListener seen) throws InterruptedException {
    AutoReloader reloader = project.reloader(seen).debounce(DEBOUNCE).withoutWatcher().start();
    assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
    return reloader;
  }

  @Test
  void save_reload_compiledWithinTheDebounce_thatPatchUsed() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("early/Counter.java", counter("1"));
      Class<?> counter = buildCounter(project);
      RecordingListener seen = new RecordingListener();

      try (AutoReloader reloader = started(project, seen)) {
        project.write("early/Counter.java", counter("2"));
        Instant saved = Instant.now();
        reloader.reload(file);
        // Not awaitPendingReloads: its flush would end the debounce at once.
        Await.until("the reload", () -> seen.results.size() == 1);

        assertThat(call(counter, "value")).isEqualTo(2);
        assertThat(reloader.earlyCompilesUsed()).isEqualTo(1);
        ReloadResult result = seen.results.get(0);
        assertThat(Duration.between(saved, result.startedAt())).as("compile started within the debounce")
            .isLessThan(DEBOUNCE.dividedBy(2));
        assertThat(result.reloadTime()).as("applied once the debounce was over").isGreaterThanOrEqualTo(DEBOUNCE);
      }
    }
  }

  @Test
  void writeAfterTheEarlyCompileStarted_reload_laterContentApplied_earlyPatchDropped() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("early/Counter.java", counter("1"));
      Class<?> counter = buildCounter(project);
      RecordingListener seen = new RecordingListener();

      try (AutoReloader reloader = started(project, seen)) {
        // Half a save: the early compile reads it (and fails on it), then the editor writes the rest.
        project.write("early/Counter.java", counter("2 +"));
        reloader.reload(file);
        Thread.sleep(DEBOUNCE.toMillis() / 3);
        project.write("early/Counter.java", counter("2 + 1"));
        reloader.reload(file);
        // The flush ends the debounce: the first compile is either replaced by one of the rest, or found stale.
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(counter, "value")).isEqualTo(3);
        assertThat(reloader.earlyCompilesDropped()).isGreaterThanOrEqualTo(1);
        assertThat(seen.problems).as("the half-written file's errors are not reported").isEmpty();
        assertThat(seen.results).hasSize(1);
        assertThat(seen.results.get(0).problems()).isEmpty();
      }
    }
  }

  @Test
  void earlyPatchOfAFileThatDoesNotCompile_nextSave_retriesItWithTheNextBatch() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path counterFile = project.write("early/Counter.java", counter("1"));
      Path limitFile = project.write("early/Limit.java",
          "package early;\npublic class Limit {\n  public static int max() { return 5; }\n}\n");
      Class<?> counter = buildCounter(project);
      RecordingListener seen = new RecordingListener();

      try (AutoReloader reloader = started(project, seen)) {
        // Counter now uses a method Limit does not have yet: its compile fails, and it is retried.
        project.write("early/Counter.java", counter("Limit.min()"));
        reloader.reload(counterFile);
        Await.until("the failed reload", () -> seen.results.size() == 1);
        assertThat(seen.problems).isNotEmpty();

        project.write("early/Limit.java", "package early;\npublic class Limit {\n  public static int max() {"
            + " return 5; }\n  public static int min() { return 4; }\n}\n");
        reloader.reload(limitFile);
        Await.until("the second reload", () -> seen.results.size() == 2);

        assertThat(reloader.earlyCompilesUsed()).as("both saves compiled during the debounce").isEqualTo(2);
        assertThat(call(counter, "value")).as("Counter compiled again with Limit's batch").isEqualTo(4);
      }
    }
  }
}
