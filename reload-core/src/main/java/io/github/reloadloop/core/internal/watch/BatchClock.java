package io.github.reloadloop.core.internal.watch;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The time a {@link ChangeBatcher} reads and its timed waits, in one place so that tests can run a debounce
 * or a grace period on a manual clock instead of the wall clock.
 */
interface BatchClock {

  /** The system clock: {@link System#nanoTime()} and a real timed wait. */
  BatchClock SYSTEM = new BatchClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Object poll(BlockingQueue<Object> queue, long timeoutNanos) throws InterruptedException {
      return queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }
  };

  /** The current time in nanoseconds, for differences only. */
  long nanoTime();

  /** Takes the head of {@code queue}, waiting up to {@code timeoutNanos} for one; {@code null} when none came. */
  Object poll(BlockingQueue<Object> queue, long timeoutNanos) throws InterruptedException;
}
