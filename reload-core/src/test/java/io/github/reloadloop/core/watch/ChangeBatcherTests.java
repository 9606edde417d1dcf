package io.github.reloadloop.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ChangeBatcherTests {

  private static Path path(int i) {
    return Path.of("/src/demo/File" + i + ".java");
  }

  @Test
  void pathsAddedTogether_next_oneBatchAfterQuietPeriod() throws InterruptedException {
    ChangeBatcher batcher = new ChangeBatcher(Duration.ofMillis(50), Duration.ofSeconds(5));
    batcher.add(path(1));
    batcher.add(path(2));
    batcher.add(path(1));

    ChangeBatcher.Batch batch = batcher.next();

    assertThat(batch.paths()).containsExactly(path(1), path(2));
    assertThat(batch.flushes()).isEmpty();
  }

  @Test
  void pendingPaths_flush_handsThemOutWithTheFlush() throws Exception {
    // A quiet period far longer than the test's timeout: only the flush can end the batch.
    ChangeBatcher batcher = new ChangeBatcher(Duration.ofHours(1), Duration.ofHours(2));
    batcher.add(path(1));
    CompletableFuture<Void> flushed = batcher.flush();
    batcher.add(path(2));

    ChangeBatcher.Batch batch = batcher.next();

    assertThat(batch.paths()).contains(path(1));
    assertThat(batch.flushes()).containsExactly(flushed);
    assertThat(flushed).isNotDone();
    batch.flushes().forEach(f -> f.complete(null));
    assertThat(flushed).isDone();
  }

  @Test
  void nothingPending_flush_emptyBatchAnswersIt() throws InterruptedException {
    ChangeBatcher batcher = new ChangeBatcher(Duration.ofHours(1), Duration.ofHours(2));
    CompletableFuture<Void> flushed = batcher.flush();

    ChangeBatcher.Batch batch = batcher.next();

    assertThat(batch.paths()).isEmpty();
    assertThat(batch.flushes()).containsExactly(flushed);
  }

  @Test
  void burstOf500Paths_next_fewBatches() throws Exception {
    ChangeBatcher batcher = new ChangeBatcher(Duration.ofMillis(25), Duration.ofMillis(500));
    Thread producer = new Thread(() -> {
      for (int i = 0; i < 500; i++) {
        batcher.add(path(i));
      }
    }, "burst-producer");
    producer.start();

    Set<Path> seen = new HashSet<>();
    List<ChangeBatcher.Batch> batches = new ArrayList<>();
    while (seen.size() < 500) {
      ChangeBatcher.Batch batch = batcher.next();
      batches.add(batch);
      seen.addAll(batch.paths());
    }
    producer.join();

    assertThat(batches).hasSizeLessThan(5);
  }

  @Test
  void stopped_next_returnsNullAndAnswersPendingFlush() throws Exception {
    ChangeBatcher batcher = new ChangeBatcher(Duration.ofHours(1), Duration.ofHours(2));
    batcher.stop();
    assertThat(batcher.next()).isNull();

    ChangeBatcher other = new ChangeBatcher(Duration.ofHours(1), Duration.ofHours(2));
    other.add(path(1));
    other.stop();
    assertThat(other.next()).isNull();
  }

  @Test
  void blockedConsumer_stop_wakesIt() throws Exception {
    ChangeBatcher batcher = new ChangeBatcher(Duration.ofMillis(10), Duration.ofSeconds(1));
    CompletableFuture<ChangeBatcher.Batch> next = CompletableFuture.supplyAsync(() -> {
      try {
        return batcher.next();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });

    batcher.stop();

    assertThat(next.get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void flushAfterStop_flush_completedRatherThanLeftHanging() throws Exception {
    ChangeBatcher batcher = new ChangeBatcher(Duration.ofMillis(10), Duration.ofSeconds(1));
    batcher.stop();
    assertThat(batcher.next()).isNull();

    CompletableFuture<Void> late = batcher.flush();

    assertThat(late).succeedsWithin(Duration.ofSeconds(5));
  }
}
