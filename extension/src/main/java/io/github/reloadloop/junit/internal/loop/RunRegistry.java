package io.github.reloadloop.junit.internal.loop;

import java.util.function.Supplier;

/**
 * The loop session of the launcher run in progress, kept across engines. The session starts inside the
 * Jupiter engine (at the first test), but its work ends after it: tests run in a fresh class loader and
 * revalidated tests are reported by the {@code reload-loop} engine, which the launcher executes right after
 * Jupiter. So the session cannot live in Jupiter's root store alone: when the end-of-run engine was
 * discovered for this run, Jupiter hands the session over instead of closing it, and that engine closes it.
 *
 * <p>This is the one static holder of session state, because no JUnit store outlives an engine in every
 * supported JUnit version. Should the launcher never execute the engine it discovered, the session's
 * threads are daemons and JLine restores the terminal when the JVM ends. It holds one session at a time: a launcher run started while a session is active
 * (a test that runs a launcher of its own while the loop is on, or the loop's own reruns) runs without it.
 */
public final class RunRegistry {

  /** Identifies the end-of-run engine of one launcher run. */
  public static final class Ticket {
    private Ticket() {}
  }

  private static LoopSession current;
  private static Ticket expected;

  private RunRegistry() {}

  /**
   * The session for a new Jupiter run: a new one from {@code factory} when none is active, or {@code null}
   * when a session is active already (this run is nested in the one that has it).
   */
  static synchronized LoopSession open(Supplier<LoopSession> factory) {
    if (current != null) {
      return null;
    }
    current = factory.get();
    return current;
  }

  /**
   * Called when the end-of-run engine is discovered: returns its ticket, or {@code null} when a session is
   * active already (this launcher run is nested in another and runs without the loop).
   */
  public static synchronized Ticket expectEndOfRunEngine() {
    if (current != null) {
      return null;
    }
    expected = new Ticket();
    return expected;
  }

  /** Jupiter's run is over: closes the session unless an end-of-run engine will take it. */
  static void jupiterFinished(LoopSession session) {
    boolean close;
    synchronized (RunRegistry.class) {
      close = expected == null;
      if (close && current == session) {
        current = null;
      }
    }
    if (close) {
      session.close();
    }
  }

  /**
   * Takes the session for the end-of-run engine holding {@code ticket}, or {@code null} when no loop ran in
   * its launcher run; the caller closes it.
   */
  public static synchronized LoopSession claim(Ticket ticket) {
    if (ticket == null || ticket != expected) {
      return null;
    }
    expected = null;
    LoopSession session = current;
    current = null;
    return session;
  }
}
