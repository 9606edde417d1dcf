package io.github.reloadloop.junit.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.junit.internal.rerun.RerunOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code reload.timing} line splits a save's way to its rerun from the reloader's own figures. */
class RerunTimingTests {

  private static ReloadResult reload(Instant compileStarted, Duration total, List<String> redefined) {
    return new ReloadResult(compileStarted, List.of(Path.of("Price.java")), List.of(), List.of("shop.Price"),
        redefined, List.of(), List.of(), List.of(), "javac", Duration.ofMillis(30), Duration.ofMillis(40), total);
  }

  @Test
  void noReloadYet_line_isNone() {
    assertThat(new RerunTiming().line(0, 1_000_000, null)).isNull();
  }

  @Test
  void reloadThenRerun_line_splitsTheReloadAndNamesWakeAndRerun() {
    RerunTiming timing = new RerunTiming();
    // The batch began about 10 ms after the first file event; the reload took 200 ms from that event on.
    timing.reloaded(reload(Instant.now().minusMillis(190), Duration.ofMillis(200), List.of("shop.Price")));
    long announced = System.nanoTime();

    String line = timing.line(announced + 8_000_000, announced + 33_000_000, null);

    assertThat(line).matches("timing: reload 200 ms \\(detect \\d+, compile 30, redefine 40, other \\d+\\),"
        + " wake \\d+ ms, rerun 25 ms");
    assertThat(sumOfParts(line)).as("detect + compile + redefine + other = reload").isEqualTo(200);
  }

  @Test
  void rerunWhoseTestRan_line_splitsTheRerunIntoStartTestAndEnd() {
    RerunTiming timing = new RerunTiming();
    timing.reloaded(reload(Instant.now(), Duration.ofMillis(95), List.of("shop.Price")));
    long rerunStart = System.nanoTime();
    // The test started 30.6 ms into the rerun and took 11.7 ms; the rerun ended 50.2 ms after it started.
    RerunOutcome.Span test = new RerunOutcome.Span(rerunStart + 30_600_000, rerunStart + 42_300_000);

    String line = timing.line(rerunStart, rerunStart + 50_200_000, test);

    assertThat(line).endsWith(", rerun 50 ms (start 30, test 12, end 8)");
  }

  @Test
  void spanOutsideTheRerun_line_doesNotSplitIt() {
    RerunTiming timing = new RerunTiming();
    timing.reloaded(reload(Instant.now(), Duration.ofMillis(95), List.of("shop.Price")));
    long rerunStart = System.nanoTime();

    String line = timing.line(rerunStart, rerunStart + 20_000_000,
        new RerunOutcome.Span(rerunStart - 5_000_000, rerunStart + 10_000_000));

    assertThat(line).endsWith(", rerun 20 ms");
  }

  @Test
  void reloadThatChangedNothing_line_keepsTheLastOneThatDid() {
    RerunTiming timing = new RerunTiming();
    timing.reloaded(reload(Instant.now(), Duration.ofMillis(95), List.of("shop.Price")));
    timing.reloaded(reload(Instant.now(), Duration.ofMillis(7), List.of()));

    assertThat(timing.line(System.nanoTime(), System.nanoTime(), null)).startsWith("timing: reload 95 ms");
  }

  /** The sum of the reload's four parts as the line gives them. */
  private static int sumOfParts(String line) {
    Matcher matcher = Pattern.compile("detect (\\d+), compile (\\d+), redefine (\\d+), other (\\d+)").matcher(line);
    assertThat(matcher.find()).isTrue();
    int sum = 0;
    for (int group = 1; group <= 4; group++) {
      sum += Integer.parseInt(matcher.group(group));
    }
    return sum;
  }
}
