package io.github.reloadloop.junit.internal.console.line;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The lines typed on the JVM's standard input, read by one daemon thread for the whole JVM (a thread blocked
 * reading cannot be stopped, so a reader per console would steal the next console's first line). Lines typed
 * while no console reads wait for the next one. Waiters wait on this object's monitor.
 */
final class StdinLines {

  private static StdinLines shared;

  private final Deque<String> lines = new ArrayDeque<>();
  private boolean ended;

  /** Reads {@code input} on a daemon thread of its own. */
  StdinLines(InputStream input, Charset charset) {
    Thread reader = new Thread(() -> pump(new BufferedReader(new InputStreamReader(input, charset))),
        "reload-loop-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  /** The lines of this JVM's standard input (the file descriptor, whatever {@code System.in} was set to). */
  static synchronized StdinLines shared() {
    if (shared == null) {
      shared = new StdinLines(new FileInputStream(FileDescriptor.in), Charset.defaultCharset());
    }
    return shared;
  }

  private void pump(BufferedReader input) {
    try (input) {
      String line;
      while ((line = input.readLine()) != null) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // Standard input broke: the same as its end for the console.
    }
    synchronized (this) {
      ended = true;
      notifyAll();
    }
  }

  /** The next line, or {@code null} when none is there yet; callers hold this object's monitor. */
  String poll() {
    return lines.poll();
  }

  /** Whether standard input ended and every line was taken; callers hold this object's monitor. */
  boolean exhausted() {
    return ended && lines.isEmpty();
  }
}
