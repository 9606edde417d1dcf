package io.github.reloadloop.core.internal.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;

/**
 * A clock that moves only when the batcher waits: a timed wait runs the actions scheduled before its end (a
 * file event arriving, a file reappearing) and returns what they queued, or jumps to the end. Single-threaded:
 * the test thread both schedules and calls the batcher.
 */
final class ManualClock implements BatchClock {

  private long now;
  private final TreeMap<Long, List<Runnable>> scheduled = new TreeMap<>();

  /** Runs {@code action} when the clock reaches {@code time} (from zero). */
  void at(Duration time, Runnable action) {
    scheduled.computeIfAbsent(time.toNanos(), t -> new ArrayList<>()).add(action);
  }

  /** The time since the clock started. */
  Duration elapsed() {
    return Duration.ofNanos(now);
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Object poll(BlockingQueue<Object> queue, long timeoutNanos) {
    Object item = queue.poll();
    long deadline = now + timeoutNanos;
    while (item == null) {
      Map.Entry<Long, List<Runnable>> next = scheduled.firstEntry();
      if (next == null || next.getKey() > deadline) {
        now = deadline;
        return null;
      }
      scheduled.pollFirstEntry();
      now = Math.max(now, next.getKey());
      next.getValue().forEach(Runnable::run);
      item = queue.poll();
    }
    return item;
  }
}
