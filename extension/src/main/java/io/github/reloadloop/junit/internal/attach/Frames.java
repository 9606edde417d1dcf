package io.github.reloadloop.junit.internal.attach;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The attach protocol: frames of a type byte, a length and a payload, both ways over one Unix domain socket.
 * The client opens with {@link #HELLO} (the protocol's name, {@code attach} or {@code probe}, its window
 * size); the run answers {@link #WELCOME} (what it is doing) or {@link #REFUSED} (why not). Then the client
 * sends keys and window sizes, and the run sends what its console draws, until either side closes; the run
 * says {@link #BYE} first when it ends.
 *
 * <p>The channel is read and written through streams of its own here: {@code Channels.newInputStream} on
 * JDK 17 holds the channel's blocking lock while it waits for bytes, which would stop the other direction.
 */
public final class Frames {

  /** Client to run: {@code attach} or {@code probe}, columns, rows. */
  public static final byte HELLO = 'H';
  /** Run to client: a description of the run. */
  public static final byte WELCOME = 'W';
  /** Run to client: why the client cannot attach; the run closes the connection. */
  public static final byte REFUSED = 'R';
  /** Client to run: keys typed. */
  public static final byte KEYS = 'K';
  /** Client to run: the window's new size, columns then rows. */
  public static final byte SIZE = 'S';
  /** Run to client: what the console drew. */
  public static final byte OUTPUT = 'O';
  /** Run to client: the run ended (the reason); the run closes the connection. */
  public static final byte BYE = 'B';

  /** The first text of every {@link #HELLO}: a client of another version is told so. */
  public static final String PROTOCOL = "reload-loop-attach/1";
  public static final String ATTACH = "attach";
  public static final String PROBE = "probe";

  private static final int MAX_PAYLOAD = 1 << 20;

  private Frames() {}

  /** One frame. */
  public record Frame(byte type, byte[] payload) {

    /** The payload as UTF-8 text ({@link #WELCOME}, {@link #REFUSED}, {@link #BYE}). */
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The two numbers of a {@link #SIZE} frame, or of a {@link #HELLO} after its texts. */
    public int[] size() throws IOException {
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
      if (type == HELLO) {
        in.readUTF();
        in.readUTF();
      }
      return new int[] {in.readInt(), in.readInt()};
    }

    /** A {@link #HELLO}'s protocol name and mode. */
    public String[] hello() throws IOException {
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
      return new String[] {in.readUTF(), in.readUTF()};
    }
  }

  /** A {@link #HELLO} frame's payload. */
  public static byte[] hello(String mode, int columns, int rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(PROTOCOL);
      out.writeUTF(mode);
      out.writeInt(columns);
      out.writeInt(rows);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // A byte array does not fail.
    }
    return bytes.toByteArray();
  }

  /** A {@link #SIZE} frame's payload. */
  public static byte[] size(int columns, int rows) {
    return ByteBuffer.allocate(8).putInt(columns).putInt(rows).array();
  }

  public static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads the next frame.
   *
   * @return the frame, or {@code null} at the end of the stream between frames
   * @throws IOException also when a frame is cut short or longer than a frame can be (not our protocol)
   */
  public static Frame read(DataInputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      return null;
    }
    int length = in.readInt();
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new IOException("not a reload-loop attach frame (length " + length + ")");
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new Frame((byte) type, payload);
  }

  /** Writes one frame and flushes; callers that share the stream synchronize on it. */
  public static void write(DataOutputStream out, byte type, byte[] payload) throws IOException {
    out.write(type);
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  /** A stream reading {@code channel} without holding its blocking lock. */
  public static DataInputStream input(SocketChannel channel) {
    return new DataInputStream(new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        return channel.read(ByteBuffer.wrap(bytes, offset, length));
      }
    });
  }

  /** A stream writing {@code channel} without holding its blocking lock. */
  public static DataOutputStream output(SocketChannel channel) {
    return new DataOutputStream(new java.io.BufferedOutputStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    }, 8192));
  }

  /** Reads a frame and checks its type; an end of stream or another type is an {@link EOFException}. */
  static Frame expect(DataInputStream in, byte... types) throws IOException {
    Frame frame = read(in);
    if (frame == null) {
      throw new EOFException("the run closed the connection");
    }
    for (byte type : types) {
      if (frame.type() == type) {
        return frame;
      }
    }
    throw new IOException("unexpected answer from the run (frame '" + (char) frame.type() + "')");
  }
}
