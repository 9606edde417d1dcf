package io.github.reloadloop.junit.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When the prompt is hidden and drawn again, on an injected clock; and the streams it wraps. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PromptKeeperTests {

  private static final Duration QUIET = Duration.ofMillis(200);

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RecordingPrompt prompt = new RecordingPrompt();

  @Test
  void newKeeper_waitsForQuietBeforeTheFirstPrompt() {
    PromptKeeper keeper = new PromptKeeper(prompt, QUIET, now::get);

    advance(Duration.ofMillis(150));
    assertThat(keeper.showIfQuiet()).isEqualTo(Duration.ofMillis(50).toNanos());
    assertThat(prompt.shown).hasValue(0);

    advance(Duration.ofMillis(50));
    assertThat(keeper.showIfQuiet()).isZero();
    assertThat(prompt.shown).hasValue(1);
  }

  @Test
  void output_hidesAtOnce_andEachWriteRestartsTheQuietPeriod() {
    PromptKeeper keeper = quietKeeper();

    keeper.outputWritten();
    assertThat(prompt.hidden).hasValue(1);
    advance(Duration.ofMillis(150));
    keeper.outputWritten();
    advance(Duration.ofMillis(150));
    assertThat(keeper.showIfQuiet()).as("150 ms after the second write").isPositive();
    assertThat(prompt.shown).hasValue(0);

    advance(Duration.ofMillis(50));
    assertThat(keeper.showIfQuiet()).isZero();
    assertThat(prompt.shown).hasValue(1);
  }

  @Test
  void noOutput_nothingToShowAgain() {
    PromptKeeper keeper = quietKeeper();

    advance(Duration.ofSeconds(5));
    assertThat(keeper.showIfQuiet()).isZero();
    assertThat(prompt.shown).as("nothing was hidden since").hasValue(0);
  }

  @Test
  void start_wrapsTheStandardStreamsAndRedrawsWhenQuiet_closeRestoresThem() throws InterruptedException {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PromptKeeper keeper = PromptKeeper.start(prompt);
    try {
      assertThat(System.out).isInstanceOf(ObservedPrintStream.class);
      int hiddenBefore = prompt.hidden.get();
      System.err.println("output while the prompt waits");
      assertThat(prompt.hidden.get()).isGreaterThan(hiddenBefore);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (prompt.shown.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10); // Bounded polling for the keeper's own thread.
      }
      assertThat(prompt.shown.get()).as("redrawn by the keeper's thread once quiet").isPositive();
    } finally {
      keeper.close();
    }
    assertThat(System.out).isSameAs(out);
    assertThat(System.err).isSameAs(err);
  }

  /** A keeper whose start-up wait is over and shown. */
  private PromptKeeper quietKeeper() {
    PromptKeeper keeper = new PromptKeeper(prompt, QUIET, now::get);
    advance(QUIET);
    keeper.showIfQuiet();
    prompt.shown.set(0);
    prompt.hidden.set(0);
    return keeper;
  }

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  private static final class RecordingPrompt implements PromptKeeper.Prompt {
    final AtomicInteger hidden = new AtomicInteger();
    final AtomicInteger shown = new AtomicInteger();

    @Override
    public void hidePrompt() {
      hidden.incrementAndGet();
    }

    @Override
    public void showPrompt() {
      shown.incrementAndGet();
    }
  }
}
