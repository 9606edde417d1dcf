package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * The run's console: opened at the first failure that needs it, then shown reload events and what the
 * loop's features report; one failure at a time has it, the others wait for their turn.
 *
 * <p>Threading: {@link #show} from any thread; the console is read by the thread whose turn it is.
 */
final class SessionConsole implements AutoCloseable {

  private final ConsoleFactory factory;
  private final ConsoleReloadListener reloads;
  /** One failure at the console at a time; nothing inside a turn asks for another (not reentrant). */
  private final Semaphore turn = new Semaphore(1, true);
  private volatile LoopConsole console;

  /** @param moduleDirectory the module under test, which paths on the console are shown relative to */
  SessionConsole(ConsoleFactory factory, Path moduleDirectory) {
    this.factory = factory;
    this.reloads = new ConsoleReloadListener(() -> console, moduleDirectory);
  }

  /** Shows reload events on the console while it is open; what comes before it opens is kept for then. */
  ReloadListener reloadListener() {
    return reloads;
  }

  /** Waits for this failure's turn at the console; {@link #endTurn()} gives it to the next one. */
  void awaitTurn() throws InterruptedException {
    turn.acquire();
  }

  void endTurn() {
    turn.release();
  }

  /** The console, opened on first use (then it shows what was reported while it was closed). */
  LoopConsole open() throws IOException {
    if (console == null) {
      console = factory.open();
      reloads.showPending();
    }
    return console;
  }

  /** The console if it is open, else {@code null}. */
  LoopConsole ifOpen() {
    return console;
  }

  /** Shows a line on the console if it is open (nothing is shown before the first failure opened it). */
  void show(Tone tone, String text) {
    LoopConsole open = console;
    if (open != null) {
      open.println(tone, text);
    }
  }

  @Override
  public void close() {
    if (console != null) {
      console.close();
    }
  }
}
