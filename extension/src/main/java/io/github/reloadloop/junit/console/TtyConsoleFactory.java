package io.github.reloadloop.junit.console;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a {@link TerminalConsole} on the controlling terminal, if the process has one. */
public final class TtyConsoleFactory implements ConsoleFactory {

  @Override
  public String unavailableReason() {
    // Opening /dev/tty fails at once without a controlling terminal (CI, setsid, </dev/null from cron),
    // and does not change the terminal when there is one.
    try (FileInputStream probe = new FileInputStream(DevTtyPty.DEVICE)) {
      return parentInputIsDevNull() ? "the build's standard input is /dev/null" : null;
    } catch (IOException e) {
      return DevTtyPty.DEVICE + ": " + e.getMessage();
    }
  }

  /**
   * Whether the process that started this JVM (mvn, for a Surefire fork) reads from {@code /dev/null}:
   * {@code mvn test </dev/null} is a request not to interact, even in a terminal.
   */
  static boolean parentInputIsDevNull() {
    return ProcessHandle.current().parent()
        .map(parent -> Path.of("/proc", Long.toString(parent.pid()), "fd", "0"))
        .map(TtyConsoleFactory::linkTarget)
        .map("/dev/null"::equals)
        .orElse(false);
  }

  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null; // Not Linux, or not allowed to look: assume the build is interactive.
    }
  }

  @Override
  public LoopConsole open() throws IOException {
    return TerminalConsole.open();
  }
}
