package io.github.reloadloop.junit.internal.console;

import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens a {@link TerminalConsole} on the controlling terminal, if the process has one. */
public final class TtyConsoleFactory implements ConsoleFactory {

  private static final int MAX_ANCESTORS = 4;

  @Override
  public String unavailableReason() {
    // Opening /dev/tty fails at once without a controlling terminal (CI, setsid, </dev/null from cron),
    // and does not change the terminal when there is one.
    try (FileInputStream probe = new FileInputStream(DevTtyPty.DEVICE)) {
      return parentInputIsDevNull() ? "the build's standard input is /dev/null" : null;
    } catch (IOException e) {
      return e.getMessage(); // "/dev/tty (No such device or address)"
    }
  }

  /**
   * Whether the build reads from {@code /dev/null}: {@code mvn test </dev/null} is a request not to
   * interact, even in a terminal. Surefire starts the test JVM through a shell with a pipe for standard
   * input, so this walks up the ancestors to the first one whose standard input is not a pipe or socket.
   */
  public static boolean parentInputIsDevNull() {
    Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
    for (int depth = 0; depth < MAX_ANCESTORS && ancestor.isPresent(); depth++) {
      String input = linkTarget(Path.of("/proc", Long.toString(ancestor.get().pid()), "fd", "0"));
      if (input == null) {
        return false;
      }
      if (!input.startsWith("pipe:") && !input.startsWith("socket:")) {
        return input.equals("/dev/null");
      }
      ancestor = ancestor.get().parent();
    }
    return false;
  }

  /** Whether this JVM's own standard input is {@code /dev/null} (Linux; elsewhere {@code false}). */
  public static boolean ownInputIsDevNull() {
    return "/dev/null".equals(linkTarget(Path.of("/proc/self/fd/0")));
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
