package io.github.reloadloop.junit.internal.loop;

import org.opentest4j.TestAbortedException;

/**
 * Ends a test or class of Jupiter's own run whose results came from elsewhere: after a fix of its class's
 * Spring context that changed a class's shape, the class ran whole in a fresh class loader, and the end-of-run
 * engine reports those results under the original names; Jupiter reports the original as aborted (Spring's
 * own extension would try the failed context again for the original's instance). After such a fix of another
 * phase the original replays the fresh results instead ({@code FreshOutcomes}).
 */
public final class ServedElsewhere extends TestAbortedException {

  private static final long serialVersionUID = 1L;

  ServedElsewhere(String note) {
    super(note + "; its results are reported by the reload-loop engine");
  }
}
