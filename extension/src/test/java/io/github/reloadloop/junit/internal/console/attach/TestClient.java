package io.github.reloadloop.junit.internal.console.attach;

import io.github.reloadloop.junit.internal.attach.Frames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A client of the attach console for tests: speaks the protocol over a real socket, records what the run's
 * terminal drew (escape sequences removed, for assertions) and types keys. No terminal of its own.
 */
public final class TestClient implements AutoCloseable {

  private static final Pattern ESCAPES = Pattern.compile("\u001B(\\[[0-?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>]|\\][^\u0007]*\u0007)");

  private final SocketChannel channel;
  private final DataOutputStream out;
  private final StringBuilder screen = new StringBuilder();
  private final String answer;
  private final boolean refused;
  private String bye;
  private boolean ended;

  private TestClient(Path socket, String mode, int columns, int rows) throws IOException {
    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    out = Frames.output(channel);
    DataInputStream in = Frames.input(channel);
    Frames.write(out, Frames.HELLO, Frames.hello(mode, columns, rows));
    Frames.Frame first = Frames.read(in);
    answer = first == null ? "(closed)" : first.text();
    refused = first == null || first.type() == Frames.REFUSED;
    Thread reader = new Thread(() -> read(in), "test-attach-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Attaches with a window of {@code columns} by {@code rows}. */
  public static TestClient attach(Path socket, int columns, int rows) throws IOException {
    return new TestClient(socket, Frames.ATTACH, columns, rows);
  }

  /** Attaches with an 80 by 24 window. */
  public static TestClient attach(Path socket) throws IOException {
    return attach(socket, 80, 24);
  }

  /** The run's description, without attaching. */
  public static String probe(Path socket) throws IOException {
    try (TestClient client = new TestClient(socket, Frames.PROBE, 0, 0)) {
      return client.answer;
    }
  }

  private void read(DataInputStream in) {
    try {
      while (true) {
        Frames.Frame frame = Frames.read(in);
        if (frame == null) {
          break;
        }
        synchronized (this) {
          if (frame.type() == Frames.OUTPUT) {
            screen.append(new String(frame.payload(), StandardCharsets.UTF_8));
          } else if (frame.type() == Frames.BYE) {
            bye = frame.text();
          }
          notifyAll();
        }
      }
    } catch (IOException e) {
      // Closed by the test or by the run: ended below.
    }
    synchronized (this) {
      ended = true;
      notifyAll();
    }
  }

  /** What the run answered to the hello. */
  public String answer() {
    return answer;
  }

  public boolean refused() {
    return refused;
  }

  public void type(String keys) throws IOException {
    synchronized (out) {
      Frames.write(out, Frames.KEYS, keys.getBytes(StandardCharsets.UTF_8));
    }
  }

  void resize(int columns, int rows) throws IOException {
    synchronized (out) {
      Frames.write(out, Frames.SIZE, Frames.size(columns, rows));
    }
  }

  /** Everything drawn so far, escape sequences removed. */
  public synchronized String screen() {
    return ESCAPES.matcher(screen).replaceAll("");
  }

  /** Waits until the screen shows {@code text}; {@code false} after {@code limit}. */
  public synchronized boolean awaitScreen(String text, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!screen().contains(text)) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Waits until the run closes the connection, and returns its goodbye, or {@code null}. */
  public synchronized String awaitEnd(Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!ended) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return bye;
  }

  /** Disconnects at once, as a killed client or a closed terminal would. */
  @Override
  public void close() throws IOException {
    channel.close();
  }
}
