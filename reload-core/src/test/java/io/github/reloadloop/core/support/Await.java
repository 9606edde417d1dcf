package io.github.reloadloop.core.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling: waits for a condition, never for a fixed time. */
public final class Await {

  public static final Duration LIMIT = Duration.ofSeconds(20);

  private Await() {}

  /** Polls {@code condition} until it holds or {@link #LIMIT} passes; then fails with {@code description}. */
  public static void until(String description, BooleanSupplier condition) {
    until(() -> description, condition);
  }

  public static void until(Supplier<String> description, BooleanSupplier condition) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + LIMIT.toSeconds() + " s waiting for: " + description.get());
      }
      try {
        Thread.sleep(10); // polling interval, not a settle time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + description.get(), e);
      }
    }
  }
}
