package io.github.reloadloop.core.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.support.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Debounce, bursts, flushes and the delete grace period, on a manual clock except where threads meet. */
@Timeout(20)
class ChangeBatcherTests {

  private static final Duration QUIET = Duration.ofMillis(10);
  private static final Duration MAX_DELAY = Duration.ofSeconds(1);
  private static final Duration GRACE = Duration.ofMillis(100);

  private final ManualClock clock = new ManualClock();
  private final Set<Path> existing = ConcurrentHashMap.newKeySet();

  private static Path path(int i) {
    return Path.of("/src/demo/File" + i + ".java");
  }

  private ChangeBatcher batcher() {
    return new ChangeBatcher(QUIET, MAX_DELAY, GRACE, clock, existing::contains);
  }

  private ChangeBatcher saved(int... files) {
    ChangeBatcher batcher = batcher();
    for (int i : files) {
      existing.add(path(i));
      batcher.add(path(i));
    }
    return batcher;
  }

  @Test
  void pathsAddedTogether_next_oneBatchOnceQuiet() throws InterruptedException {
    ChangeBatcher batcher = saved(1, 2);
    batcher.add(path(1));

    ChangeSet batch = batcher.next();

    assertThat(batch.changed()).containsExactly(path(1), path(2));
    assertThat(batch.deleted()).isEmpty();
    assertThat(batch.flushes()).isEmpty();
    assertThat(batch.firstEventNanos()).isZero();
    assertThat(clock.elapsed()).isEqualTo(QUIET);
  }

  /** What an {@link ChangeBatcher.Early} heard: the paths and the clock's time, as (paths, nanos) pairs. */
  private record Heard(List<Path> paths, long nanos) {}

  @Test
  void editorsSave_nextWithEarly_toldOnceQuietForAMillisecond_batchStillDueAfterTheQuietPeriod()
      throws InterruptedException {
    ChangeBatcher batcher = saved(1);
    List<Heard> heard = new ArrayList<>();

    ChangeSet batch = batcher.next((paths, nanos) -> heard.add(new Heard(paths, nanos)));

    assertThat(heard).containsExactly(new Heard(List.of(path(1)), ChangeBatcher.EARLY_QUIET.toNanos()));
    assertThat(batch.changed()).containsExactly(path(1));
    assertThat(batch.lastEventNanos()).isZero().isLessThan(heard.get(0).nanos());
    assertThat(clock.elapsed()).isEqualTo(QUIET);
  }

  @Test
  void eventAfterTheEarlyNews_nextWithEarly_toldAgain_batchNamesTheLaterEvent() throws InterruptedException {
    ChangeBatcher batcher = saved(1);
    clock.at(Duration.ofMillis(4), () -> batcher.add(path(1))); // The editor writes the rest of the file.
    List<Heard> heard = new ArrayList<>();

    ChangeSet batch = batcher.next((paths, nanos) -> heard.add(new Heard(paths, nanos)));

    assertThat(heard).extracting(Heard::nanos).containsExactly(ChangeBatcher.EARLY_QUIET.toNanos(),
        Duration.ofMillis(4).plus(ChangeBatcher.EARLY_QUIET).toNanos());
    assertThat(batch.changed()).containsExactly(path(1));
    assertThat(batch.lastEventNanos()).isEqualTo(Duration.ofMillis(4).toNanos())
        .isGreaterThan(heard.get(0).nanos()).isLessThan(heard.get(1).nanos());
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(4).plus(QUIET));
  }

  @Test
  void burstOrMissingFileOrFlush_nextWithEarly_notTold() throws InterruptedException {
    List<Heard> heard = new ArrayList<>();
    ChangeBatcher.Early early = (paths, nanos) -> heard.add(new Heard(paths, nanos));

    assertThat(saved(1, 2, 3).next(early).changed()).hasSize(3); // A checkout: compiled once it has ended.
    ChangeBatcher deleting = batcher();
    deleting.add(path(9)); // Gone: the grace period decides, not a compile.
    assertThat(deleting.next(early).deleted()).containsExactly(path(9));
    ChangeBatcher flushed = saved(1);
    flushed.flush();
    assertThat(flushed.next(early).changed()).containsExactly(path(1));

    assertThat(heard).isEmpty();
  }

  @Test
  void batchBeingGathered_hasPending_trueUntilHandedOut() throws InterruptedException {
    ChangeBatcher batcher = saved(1);
    List<Boolean> seen = new ArrayList<>();
    // The event left the queue at once; the batch waits out its quiet period.
    clock.at(Duration.ofMillis(5), () -> seen.add(batcher.hasPending()));

    batcher.next();

    assertThat(seen).containsExactly(true);
    assertThat(batcher.hasPending()).isFalse();
  }

  @Test
  void eventWithinQuietPeriod_next_joinsTheBatchAndRestartsTheQuietPeriod() throws InterruptedException {
    ChangeBatcher batcher = saved(1);
    clock.at(Duration.ofMillis(8), () -> {
      existing.add(path(2));
      batcher.add(path(2));
    });

    ChangeSet batch = batcher.next();

    assertThat(batch.changed()).containsExactly(path(1), path(2));
    assertThat(batch.firstEventNanos()).isZero();
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(8).plus(QUIET));
  }

  @Test
  void moreThanTwoFiles_next_burstWaitsLongerThanTheQuietPeriod() throws InterruptedException {
    ChangeBatcher batcher = saved(1, 2, 3);
    clock.at(Duration.ofMillis(60), () -> {
      existing.add(path(4));
      batcher.add(path(4));
    });

    ChangeSet batch = batcher.next();

    assertThat(batch.changed()).containsExactly(path(1), path(2), path(3), path(4));
  }

  @Test
  void changesThatNeverPause_next_cutAtTheMaximumDelay() throws InterruptedException {
    ChangeBatcher batcher = saved(0);
    for (int i = 1; i <= 300; i++) {
      int file = i;
      clock.at(Duration.ofMillis(5L * i), () -> {
        existing.add(path(file));
        batcher.add(path(file));
      });
    }

    ChangeSet batch = batcher.next();

    assertThat(clock.elapsed()).isEqualTo(MAX_DELAY);
    assertThat(batch.changed()).hasSize(201).startsWith(path(0)).endsWith(path(200));
  }

  @Test
  void fileMissingThenRecreatedWithinGrace_next_changedNotDeleted() throws InterruptedException {
    ChangeBatcher batcher = batcher();
    batcher.add(path(1)); // the delete of a safe write; the file is missing
    clock.at(QUIET.plus(Duration.ofMillis(60)), () -> {
      existing.add(path(1));
      batcher.add(path(1)); // the create, later than the debounce
    });

    ChangeSet batch = batcher.next();

    assertThat(batch.changed()).containsExactly(path(1));
    assertThat(batch.deleted()).isEmpty();
  }

  @Test
  void fileMissingPastTheGrace_next_deleted() throws InterruptedException {
    ChangeBatcher batcher = saved(2);
    batcher.add(path(1));

    ChangeSet batch = batcher.next();

    assertThat(batch.changed()).containsExactly(path(2));
    assertThat(batch.deleted()).containsExactly(path(1));
    assertThat(clock.elapsed()).isEqualTo(QUIET.plus(GRACE));
  }

  @Test
  void noFileMissing_next_noGraceWait() throws InterruptedException {
    ChangeBatcher batcher = saved(1);

    batcher.next();

    assertThat(clock.elapsed()).isEqualTo(QUIET);
  }

  @Test
  void pendingPaths_flush_handsThemOutWithTheFlush() throws Exception {
    ChangeBatcher batcher = saved(1);
    CompletableFuture<Void> flushed = batcher.flush();
    existing.add(path(2));
    batcher.add(path(2));

    ChangeSet batch = batcher.next();

    assertThat(batch.changed()).containsExactly(path(1), path(2));
    assertThat(batch.flushes()).containsExactly(flushed);
    assertThat(clock.elapsed()).isZero();
    assertThat(flushed).isNotDone();
    batch.completeFlushes();
    assertThat(flushed).isDone();
  }

  @Test
  void nothingPending_flush_emptyBatchAnswersIt() throws InterruptedException {
    ChangeBatcher batcher = batcher();
    CompletableFuture<Void> flushed = batcher.flush();

    ChangeSet batch = batcher.next();

    assertThat(batch.isEmpty()).isTrue();
    assertThat(batch.flushes()).containsExactly(flushed);
  }

  @Test
  void burstOf500PathsFromAnotherThread_next_fewBatches() throws Exception {
    ChangeBatcher batcher = new ChangeBatcher(Duration.ofMillis(25), Duration.ofMillis(500));
    Thread producer = new Thread(() -> {
      for (int i = 0; i < 500; i++) {
        batcher.add(path(i));
      }
    }, "burst-producer");
    producer.start();

    Set<Path> seen = new HashSet<>();
    List<ChangeSet> batches = new ArrayList<>();
    while (seen.size() < 500) {
      ChangeSet batch = batcher.next();
      batches.add(batch);
      seen.addAll(batch.deleted()); // the paths do not exist on disk
    }
    producer.join();

    assertThat(batches).hasSizeLessThan(5);
  }

  @Test
  void stoppedWithFlushWaiting_next_returnsNullAndAnswersTheFlush() throws Exception {
    ChangeBatcher batcher = saved(1);
    CompletableFuture<Void> flushed = batcher.flush();
    batcher.stop();

    assertThat(batcher.next()).isNull();
    assertThat(flushed).isDone();
    assertThat(batcher.next()).isNull();
  }

  @Test
  void blockedConsumer_stop_wakesIt() throws Exception {
    ChangeBatcher batcher = batcher();
    Thread[] consumer = new Thread[1];
    CompletableFuture<ChangeSet> next = CompletableFuture.supplyAsync(() -> {
      consumer[0] = Thread.currentThread();
      try {
        return batcher.next();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
    Await.until("the consumer blocks in next()",
        () -> consumer[0] != null && consumer[0].getState() == Thread.State.WAITING);

    batcher.stop();

    assertThat(next.get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void flushAfterStop_flush_completedRatherThanLeftHanging() throws Exception {
    ChangeBatcher batcher = batcher();
    batcher.stop();
    assertThat(batcher.next()).isNull();

    CompletableFuture<Void> late = batcher.flush();

    assertThat(late).succeedsWithin(Duration.ofSeconds(5));
  }
}
