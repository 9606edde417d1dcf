package io.github.reloadloop.junit.internal.loop;

import org.opentest4j.TestAbortedException;

/**
 * Ends a test or class of Jupiter's own run whose results came from elsewhere: after a fix of one of its
 * class's phases that changed a class's shape, the class ran whole in a fresh class loader, and the end-of-run
 * engine reports those results under the original names. Jupiter reports the original as aborted.
 */
public final class ServedElsewhere extends TestAbortedException {

  private static final long serialVersionUID = 1L;

  ServedElsewhere(String note) {
    super(note + "; its results are reported by the reload-loop engine");
  }
}
