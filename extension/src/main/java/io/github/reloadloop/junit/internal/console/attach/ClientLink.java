package io.github.reloadloop.junit.internal.console.attach;

import io.github.reloadloop.junit.internal.attach.Frames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One connected {@code attach} client, on the run's side. Frames to the client go through a bounded queue to
 * a writer thread of the link's own, so that the test JVM's threads never wait for a client: one that stops
 * reading (a suspended process) is disconnected when the queue is full, and the run goes on as if it had
 * detached.
 *
 * <p>Threading: {@link #send}, {@link #bye} and {@link #close} from any thread; {@link #readInput} on the
 * link's reading thread.
 */
final class ClientLink {

  private static final int QUEUE_FRAMES = 1024;
  private static final long BYE_WAIT_MILLIS = 2000;

  /** What the client sends once attached. */
  interface Input {
    void keys(byte[] keys);

    void resize(int columns, int rows);
  }

  private final SocketChannel channel;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final BlockingQueue<Frames.Frame> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
  private final Thread writer;
  private volatile boolean closed;

  ClientLink(SocketChannel channel, DataInputStream in, DataOutputStream out) {
    this.channel = channel;
    this.in = in;
    this.out = out;
    this.writer = new Thread(this::write, "reload-loop-attach-output");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues a frame for the client; a client too slow to take it is disconnected. */
  void send(byte type, byte[] payload) {
    if (closed) {
      return;
    }
    if (!queue.offer(new Frames.Frame(type, payload))) {
      close(); // The client stopped reading: let the run go on without it.
    }
  }

  /**
   * Sends a last frame ({@link Frames#BYE} or {@link Frames#REFUSED} with its reason) and closes, waiting a
   * little for what is queued to go out.
   */
  void last(byte type, String reason) {
    send(type, Frames.text(reason));
    try {
      writer.join(BYE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // Asked to stop waiting: the connection closes at once.
    }
    close();
  }

  private void write() {
    try {
      while (!closed) {
        Frames.Frame frame = queue.take();
        Frames.write(out, frame.type(), frame.payload());
        if (frame.type() == Frames.BYE || frame.type() == Frames.REFUSED) {
          break;
        }
      }
    } catch (IOException e) {
      // The client went away: its reading side sees the end of input and detaches it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // Closed: nothing more goes out.
    }
    close();
  }

  /** Reads keys and window sizes until the client disconnects. */
  void readInput(Input input) {
    try {
      while (!closed) {
        Frames.Frame frame = Frames.read(in);
        if (frame == null) {
          break;
        }
        if (frame.type() == Frames.KEYS) {
          input.keys(frame.payload());
        } else if (frame.type() == Frames.SIZE) {
          int[] size = frame.size();
          input.resize(size[0], size[1]);
        }
      }
    } catch (IOException e) {
      // Disconnected mid-frame, or closed by the run: either way the client is gone.
    }
    close();
  }

  boolean closed() {
    return closed;
  }

  void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a connection that broke: nothing more to release.
    }
    if (Thread.currentThread() != writer) {
      writer.interrupt(); // It waits for the next frame.
    }
  }
}
