package io.github.reloadloop.junit.console;

import java.io.IOException;
import org.jline.terminal.impl.exec.ExecPty;
import org.jline.terminal.impl.exec.ExecTerminalProvider;

/**
 * A pty on the device {@code /dev/tty}, configured through {@code stty -F /dev/tty}. Surefire owns the
 * forked JVM's stdin and stdout, so the console must talk to the controlling terminal directly; with no
 * system stream given, JLine's {@link ExecPty} opens the device by name for input and output.
 */
final class DevTtyPty extends ExecPty {

  static final String DEVICE = "/dev/tty";

  DevTtyPty() throws IOException {
    super(new ExecTerminalProvider(), null, DEVICE);
  }
}
