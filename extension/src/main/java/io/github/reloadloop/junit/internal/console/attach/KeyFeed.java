package io.github.reloadloop.junit.internal.console.attach;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jline.terminal.impl.LineDisciplineTerminal;

/**
 * Hands the attached client's keys to the console's terminal on a thread of its own: the terminal holds only
 * a small buffer of keys not yet read, and a client typing while no line is read must not block the thread
 * that reads its frames (it would not see the client leave). Keys beyond {@value #CHUNKS} pending chunks are
 * dropped, as a terminal drops keys typed into a full buffer.
 */
final class KeyFeed implements AutoCloseable {

  private static final int CHUNKS = 256;

  private final BlockingQueue<byte[]> keys = new ArrayBlockingQueue<>(CHUNKS);
  private final Thread thread;

  KeyFeed(LineDisciplineTerminal terminal) {
    this.thread = new Thread(() -> feed(terminal), "reload-loop-attach-keys");
    thread.setDaemon(true);
    thread.start();
  }

  void offer(byte[] typed) {
    keys.offer(typed);
  }

  private void feed(LineDisciplineTerminal terminal) {
    try {
      while (true) {
        terminal.processInputBytes(keys.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // Closed: the console ended.
    } catch (IOException | IllegalStateException e) {
      // The terminal was closed: the run ended, no key is wanted any more.
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
