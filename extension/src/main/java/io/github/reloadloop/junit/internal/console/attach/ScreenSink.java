package io.github.reloadloop.junit.internal.console.attach;

import io.github.reloadloop.junit.internal.attach.Frames;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * The attach console's screen: what its terminal writes goes, at each flush, to the attached client as one
 * frame; while no client is attached it goes nowhere (a terminal that attaches is shown the latest failure
 * again instead, from the {@link Transcript}).
 *
 * <p>Threading: any thread writes (the reading thread echoes keys, the loop and the reloader print); all
 * methods are synchronized.
 */
final class ScreenSink extends OutputStream {

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private ClientLink client;

  synchronized void connect(ClientLink link) {
    pending.reset();
    client = link;
  }

  synchronized void disconnect() {
    client = null;
    pending.reset();
  }

  @Override
  public synchronized void write(int b) {
    if (client != null) {
      pending.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    if (client != null) {
      pending.write(bytes, offset, length);
    }
  }

  @Override
  public synchronized void flush() {
    if (client != null && pending.size() > 0) {
      client.send(Frames.OUTPUT, pending.toByteArray());
    }
    pending.reset();
  }
}
