package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.junit.internal.rerun.RerunOutcome;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the time from a save to the end of its auto-rerun went, for {@code reload.timing}: the reload as the
 * reloader timed it (from the save's first file event: detect, until the compile started; compile; redefine;
 * other, the rest), then wake (from the end of the reload to the start of the rerun: the console showing the
 * reload, the prompt woken, the checks before a rerun) and the rerun itself (the nested launcher run), split
 * when the test ran in it: start (the rerun's thread, the launcher's discovery, the engine, the class's
 * {@code @BeforeAll} and Spring's class callbacks, the test instance and its injection), test (the test's own
 * lifecycle: {@code @BeforeEach}, the body, {@code @AfterEach}) and end (the class's {@code @AfterAll}, the
 * engine's end, the loop reading the outcome).
 *
 * <p>Threading: the reload thread records, the console's thread reads.
 */
final class RerunTiming implements ReloadListener {

  /** The last reload that changed classes, and when the reloader announced it. */
  private record Reload(ReloadResult result, long nanos, Instant at) {}

  private volatile Reload last;

  @Override
  public void reloaded(ReloadResult result) {
    if (!result.redefinedClasses().isEmpty() || !result.addedClasses().isEmpty()) {
      last = new Reload(result, System.nanoTime(), Instant.now());
    }
  }

  /**
   * The line after a rerun that started at {@code rerunStart} and ended at {@code rerunEnd}
   * ({@link System#nanoTime()}), or {@code null} when no reload came before it.
   *
   * @param test when the test itself ran within the rerun, or {@code null} (not known, or it did not run)
   */
  String line(long rerunStart, long rerunEnd, RerunOutcome.Span test) {
    Reload reload = last;
    if (reload == null) {
      return null;
    }
    ReloadResult result = reload.result();
    long total = result.reloadTime().toMillis();
    Instant firstEvent = reload.at().minus(result.reloadTime());
    long detect = Math.max(0, Math.min(total, Duration.between(firstEvent, result.startedAt()).toMillis()));
    long compile = result.compileTime().toMillis();
    long redefine = result.redefineTime().toMillis();
    long other = Math.max(0, total - detect - compile - redefine);
    return String.format(java.util.Locale.ROOT,
        "timing: reload %d ms (detect %d, compile %d, redefine %d, other %d), wake %d ms, rerun %d ms%s", total, detect,
        compile, redefine, other, millis(rerunStart - reload.nanos()), millis(rerunEnd - rerunStart),
        rerunParts(rerunStart, rerunEnd, test));
  }

  /** {@code  (start 30, test 12, end 8)}, the parts adding up to the rerun's milliseconds; empty without a span. */
  private static String rerunParts(long rerunStart, long rerunEnd, RerunOutcome.Span test) {
    if (test == null || test.started() < rerunStart || test.finished() < test.started() || test.finished() > rerunEnd) {
      return "";
    }
    long start = millis(test.started() - rerunStart);
    long body = millis(test.finished() - rerunStart) - start;
    long end = millis(rerunEnd - rerunStart) - start - body;
    return String.format(java.util.Locale.ROOT, " (start %d, test %d, end %d)", start, body, end);
  }

  private static long millis(long nanos) {
    return Math.max(0, nanos / 1_000_000);
  }
}
