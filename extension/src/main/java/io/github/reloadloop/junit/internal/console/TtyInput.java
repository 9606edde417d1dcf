package io.github.reloadloop.junit.internal.console;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The controlling terminal's input, read by one thread for the whole JVM, and handed to the console open at
 * the time through a {@link #view()}. A thread blocked in a terminal read cannot be stopped without taking
 * the next key: a reader per console would leave a blocked thread behind that steals the first key typed at
 * the next console (a later launcher run in the same JVM). Here a closed view returns the end of input at
 * once and the next view gets every key. Keys typed while no console reads wait for the next one.
 */
final class TtyInput {

  private static TtyInput shared;

  private final Deque<Integer> keys = new ArrayDeque<>();
  private boolean ended;

  /** Reads {@code device} on a daemon thread of its own (the terminal; a pipe in tests). */
  TtyInput(InputStream device) {
    Thread reader = new Thread(() -> pump(device), "reload-loop-tty");
    reader.setDaemon(true);
    reader.start();
  }

  /** A stream of the terminal's keys, from now until it is closed. */
  static synchronized InputStream view() throws IOException {
    if (shared == null) {
      shared = new TtyInput(new FileInputStream(DevTtyPty.DEVICE));
    }
    return shared.newView();
  }

  /** A stream of the keys read from now on (and those no view took yet) until it is closed. */
  InputStream newView() {
    return new View();
  }

  private void pump(InputStream device) {
    try (device) {
      int key;
      do {
        key = device.read();
        synchronized (this) {
          if (key >= 0) {
            keys.add(key);
          } else {
            ended = true;
          }
          notifyAll();
        }
      } while (key >= 0);
    } catch (IOException e) {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  private final class View extends InputStream {
    private boolean closed;

    @Override
    public int read() throws IOException {
      synchronized (TtyInput.this) {
        while (keys.isEmpty() && !ended && !closed) {
          try {
            TtyInput.this.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a key");
          }
        }
        return closed || keys.isEmpty() ? -1 : keys.poll();
      }
    }

    @Override
    public int available() {
      synchronized (TtyInput.this) {
        return closed ? 0 : keys.size();
      }
    }

    @Override
    public void close() {
      synchronized (TtyInput.this) {
        closed = true;
        TtyInput.this.notifyAll();
      }
    }
  }
}
