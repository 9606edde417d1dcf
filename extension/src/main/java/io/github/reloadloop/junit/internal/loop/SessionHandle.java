package io.github.reloadloop.junit.internal.loop;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What Jupiter's root store holds for the loop: the run's session (or none, when another run in this JVM
 * has the loop), closed when Jupiter's run ends unless the end-of-run engine takes it over
 * ({@link RunRegistry}). Closeable both ways that JUnit 5.10 through 6 close store values.
 */
@SuppressWarnings("deprecation") // CloseableResource: the only kind JUnit before 5.13 closes.
public final class SessionHandle implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  /** The handle of a run without the loop (off, or the loop's own rerun). */
  public static final SessionHandle NONE = new SessionHandle(null);

  private final LoopSession session;
  private boolean closed;

  private SessionHandle(LoopSession session) {
    this.session = session;
  }

  /** A handle on a new session from {@code factory}, or on none when another run has the loop. */
  public static SessionHandle open(Supplier<LoopSession> factory) {
    return new SessionHandle(RunRegistry.open(factory));
  }

  /** The session, or {@code null}. */
  public LoopSession session() {
    return session;
  }

  @Override
  public synchronized void close() {
    if (closed || session == null) {
      return;
    }
    closed = true;
    RunRegistry.jupiterFinished(session);
  }
}
