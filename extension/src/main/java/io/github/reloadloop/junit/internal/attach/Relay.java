package io.github.reloadloop.junit.internal.attach;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One attached session, on the client's side: keys from the local terminal go to the run, what the run's
 * console draws comes back to the screen, until the run ends, the connection is lost or the detach key is
 * pressed. Works on any streams, so tests drive it without a terminal.
 *
 * <p>Threading: {@link #run} reads the run's frames on the calling thread and reads keys on a daemon thread
 * of its own (which may stay blocked on the keyboard after the end: it holds nothing); {@link #resize} may be
 * called from any thread.
 */
final class Relay {

  /** Ctrl-\: detaches. In raw mode the terminal sends it as a byte instead of SIGQUIT. */
  static final int DETACH_KEY = 0x1c;

  /** How an attached session ended. */
  enum Ending {
    /** The detach key: the run still waits. */
    DETACHED,
    /** The run said goodbye: it ended. */
    ENDED,
    /** The connection broke without a goodbye: the run was killed, or the local terminal went away. */
    LOST
  }

  /** How an attached session ended, and what to tell the user. */
  record Outcome(Ending ending, String message) {}

  /** The run would not take this client (another terminal is attached, another user, ...). */
  static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedException(String reason) {
      super(reason);
    }
  }

  private final SocketChannel channel;
  private final DataInputStream in;
  private final DataOutputStream out;
  private volatile boolean detached;

  Relay(SocketChannel channel) {
    this.channel = channel;
    this.in = Frames.input(channel);
    this.out = Frames.output(channel);
  }

  /**
   * Asks to attach with the window's size.
   *
   * @return what the run said it does
   * @throws RefusedException with the run's reason, when it refuses
   */
  String hello(int columns, int rows) throws IOException {
    send(Frames.HELLO, Frames.hello(Frames.ATTACH, columns, rows));
    Frames.Frame answer = Frames.expect(in, Frames.WELCOME, Frames.REFUSED);
    if (answer.type() == Frames.REFUSED) {
      throw new RefusedException(answer.text());
    }
    return answer.text();
  }

  /** Relays until the session ends; {@code keys} are sent as typed, the detach key ends the session. */
  Outcome run(InputStream keys, OutputStream screen) throws IOException {
    Thread typing = new Thread(() -> pumpKeys(keys), "reload-loop-attach-keys");
    typing.setDaemon(true);
    typing.start();
    try {
      while (true) {
        Frames.Frame frame = Frames.read(in);
        if (frame == null) {
          return ended(detached ? Ending.DETACHED : Ending.LOST, "the run closed the connection");
        }
        if (frame.type() == Frames.OUTPUT) {
          screen.write(frame.payload());
          screen.flush();
        } else if (frame.type() == Frames.BYE) {
          return ended(Ending.ENDED, frame.text());
        }
      }
    } catch (ClosedChannelException e) {
      return ended(detached ? Ending.DETACHED : Ending.LOST, "the connection was closed");
    } catch (IOException e) {
      if (detached) {
        return ended(Ending.DETACHED, "");
      }
      return ended(Ending.LOST, "the connection to the run broke (" + e.getMessage() + ")");
    }
  }

  private Outcome ended(Ending ending, String message) {
    close();
    return new Outcome(ending, message);
  }

  /** Tells the run the window's new size; a session that ended ignores it. */
  void resize(int columns, int rows) {
    try {
      send(Frames.SIZE, Frames.size(columns, rows));
    } catch (IOException e) {
      // The session ended meanwhile: there is no window to size.
    }
  }

  private void pumpKeys(InputStream keys) {
    byte[] buffer = new byte[1024];
    try {
      while (!detached) {
        int count = keys.read(buffer);
        if (count < 0) {
          break; // The local terminal is gone: detach, the run goes on waiting.
        }
        int detachAt = indexOf(buffer, count, (byte) DETACH_KEY);
        if (detachAt != 0) {
          send(Frames.KEYS, Arrays.copyOf(buffer, detachAt < 0 ? count : detachAt));
        }
        if (detachAt >= 0) {
          break;
        }
      }
    } catch (IOException e) {
      // The connection or the keyboard broke: the reading side reports which.
    }
    detached = true;
    close();
  }

  private static int indexOf(byte[] bytes, int count, byte wanted) {
    for (int i = 0; i < count; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private void send(byte type, byte[] payload) throws IOException {
    synchronized (out) {
      Frames.write(out, type, payload);
    }
  }

  private void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket that broke: nothing more to release.
    }
  }
}
