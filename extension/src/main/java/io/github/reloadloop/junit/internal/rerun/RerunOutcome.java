package io.github.reloadloop.junit.internal.rerun;

/**
 * How a rerun of one test went.
 *
 * @param status passed, failed, aborted (an assumption failed or it was skipped) or not found
 * @param failure the failure of a failed or aborted rerun, else {@code null}
 * @param detail a line for the user when the test could not be found or run again
 * @param span when the test itself started and finished in the nested run, or {@code null} when it did not run
 */
public record RerunOutcome(Status status, Throwable failure, String detail, Span span) {

  /** When a rerun's test started and finished ({@link System#nanoTime()}): its lifecycle, not its class's. */
  public record Span(long started, long finished) {}

  public RerunOutcome(Status status, Throwable failure, String detail) {
    this(status, failure, detail, null);
  }

  /** This outcome, with when its test ran. */
  RerunOutcome ran(Span ran) {
    return new RerunOutcome(status, failure, detail, ran);
  }

  /** The result of the rerun. */
  public enum Status { PASSED, FAILED, ABORTED, NOT_FOUND }

  public static RerunOutcome passed() {
    return new RerunOutcome(Status.PASSED, null, null);
  }

  public static RerunOutcome failed(Throwable failure) {
    return new RerunOutcome(Status.FAILED, failure, null);
  }
}
