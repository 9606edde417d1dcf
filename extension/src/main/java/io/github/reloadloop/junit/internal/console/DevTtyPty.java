package io.github.reloadloop.junit.internal.console;

import java.io.IOException;
import java.io.InputStream;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.impl.exec.ExecPty;
import org.jline.terminal.impl.exec.ExecTerminalProvider;

/**
 * A pty on the device {@code /dev/tty}, configured through {@code stty -F /dev/tty}. Surefire owns the
 * forked JVM's stdin and stdout, so the console must talk to the controlling terminal directly; with no
 * system stream given, JLine's {@link ExecPty} opens the device by name for input and output.
 *
 * <p>Each {@code stty} is a process, 10 to 20 ms, and JLine reads the attributes before each change and the
 * size around each read: a prompt that ends and comes back cost some ten of them, which an auto-rerun waited
 * for. So this pty keeps the attributes it last read or set (the console owns the terminal while it is open;
 * nothing else changes them) and runs {@code stty} only for a real change, and keeps the size for
 * {@value #SIZE_KEPT_MILLIS} ms (a resize shows within that time).
 */
final class DevTtyPty extends ExecPty {

  static final String DEVICE = "/dev/tty";
  private static final long SIZE_KEPT_MILLIS = 500;

  private InputStream input;
  private Attributes current;
  private Size size;
  private long sizeReadAt;

  DevTtyPty() throws IOException {
    super(new ExecTerminalProvider(), null, DEVICE);
  }

  /**
   * The device's keys ({@link TtyInput}), without JLine's polling wrapper: that one reads with a
   * tenth-of-a-second terminal timeout and looks at the reading thread's interrupt in between, so a
   * wake-up (the auto-rerun after a reload) waited up to 100 ms. Over a plain stream JLine reads on a thread
   * of its own and the reading thread waits on a monitor, which an interrupt ends at once.
   */
  @Override
  public InputStream getSlaveInput() throws IOException {
    if (input == null) {
      input = TtyInput.view();
    }
    return input;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      if (input != null) {
        input.close();
      }
    }
  }

  @Override
  public synchronized Attributes getAttr() throws IOException {
    if (current == null) {
      current = super.getAttr();
    }
    return new Attributes(current);
  }

  @Override
  protected synchronized void doSetAttr(Attributes wanted) throws IOException {
    Attributes attributes = new Attributes(wanted);
    if (!attributes.getLocalFlag(Attributes.LocalFlag.ICANON)) {
      // JLine's raw mode asks for reads that time out (VMIN 0, VTIME 1) for its polling wrapper; a plain
      // stream would take the timeout for the end of input. Its reading thread blocks for a key instead.
      attributes.setControlChar(Attributes.ControlChar.VMIN, 1);
      attributes.setControlChar(Attributes.ControlChar.VTIME, 0);
    }
    if (current != null && same(current, attributes)) {
      return;
    }
    super.doSetAttr(attributes); // stty with the flags that differ from getAttr()'s
    current = attributes;
  }

  @Override
  public synchronized Size getSize() throws IOException {
    long now = System.nanoTime();
    if (size == null || now - sizeReadAt > SIZE_KEPT_MILLIS * 1_000_000) {
      size = super.getSize();
      sizeReadAt = now;
    }
    return new Size(size.getColumns(), size.getRows());
  }

  static boolean same(Attributes a, Attributes b) {
    return a.getInputFlags().equals(b.getInputFlags()) && a.getOutputFlags().equals(b.getOutputFlags())
        && a.getControlFlags().equals(b.getControlFlags()) && a.getLocalFlags().equals(b.getLocalFlags())
        && a.getControlChars().equals(b.getControlChars());
  }
}
