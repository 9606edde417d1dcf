package io.github.reloadloop.junit.internal.console;

import io.github.reloadloop.junit.console.LoopConsole;
import java.io.IOError;
import java.io.IOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Ctrl-C as a key while an evaluation runs: the terminal's ISIG is off, so Ctrl-C does not send SIGINT to
 * the build (which would end Maven), and a small daemon thread reads the terminal and calls back on 0x03.
 * Other keys typed meanwhile are dropped. Closing restores the terminal's settings.
 */
final class InterruptKey implements LoopConsole.InterruptWatch {

  private static final int CTRL_C = 3;
  private static final long READ_TIMEOUT_MILLIS = 50;
  private static final long JOIN_MILLIS = 1000;

  private final Terminal terminal;
  private final Attributes saved;
  private final Thread reader;
  private volatile boolean closed;

  private InterruptKey(Terminal terminal, Runnable onInterrupt) {
    this.terminal = terminal;
    this.saved = terminal.getAttributes();
    Attributes keys = new Attributes(saved);
    keys.setLocalFlag(Attributes.LocalFlag.ISIG, false);
    keys.setLocalFlag(Attributes.LocalFlag.ICANON, false);
    keys.setLocalFlag(Attributes.LocalFlag.ECHO, false);
    keys.setLocalFlag(Attributes.LocalFlag.IEXTEN, false);
    terminal.setAttributes(keys);
    this.reader = new Thread(() -> read(onInterrupt), "reload-loop-interrupt-key");
    reader.setDaemon(true);
    reader.start();
  }

  static InterruptKey watch(Terminal terminal, Runnable onInterrupt) {
    return new InterruptKey(terminal, onInterrupt);
  }

  private void read(Runnable onInterrupt) {
    NonBlockingReader input = terminal.reader();
    try {
      while (!closed) {
        int key = input.read(READ_TIMEOUT_MILLIS);
        if (key == CTRL_C) {
          onInterrupt.run();
        } else if (key == NonBlockingReader.EOF) {
          return;
        }
      }
    } catch (IOException | IOError e) {
      // The terminal went away: nothing more can be typed, and the time limit still ends the evaluation.
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      reader.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    terminal.setAttributes(saved);
  }
}
