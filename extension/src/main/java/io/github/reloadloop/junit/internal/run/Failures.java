package io.github.reloadloop.junit.internal.run;

/**
 * Takes a failed test to the console, one failure at a time, until a rerun passes or the user lets the failure
 * stand. The fallback and revalidation hand the failures they find here; the loop does the rest.
 */
public interface Failures {

  /** Whether failures still enter the loop (not aborted, a console and a reloader are there). */
  boolean active();

  /**
   * Runs the loop for a failed test and says how it ended; without an active loop it ends at once with the
   * failure.
   */
  Resolution resolve(FailedTest test) throws InterruptedException;
}
