package io.github.reloadloop.junit.internal.console;

import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Opens a {@link TerminalConsole} on the controlling terminal, if the process has one. */
public final class TtyConsoleFactory implements ConsoleFactory {

  private static final int MAX_ANCESTORS = 4;
  private static final String DEV_NULL = "/dev/null";

  /** {@link #buildInput()} of a build whose standard input is closed. */
  public static final String CLOSED_INPUT = "closed";

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
   * interact, even in a terminal. See {@link #buildInput()}.
   */
  public static boolean parentInputIsDevNull() {
    return buildInput().filter(DEV_NULL::equals).isPresent();
  }

  /**
   * What the build reads from. Surefire starts the test JVM through a shell with a pipe for standard input, so
   * this walks up the ancestors to the first one whose standard input is not a pipe or socket, and answers
   * where its {@code /proc/<pid>/fd/0} leads ({@code /dev/null}, {@code /dev/pts/3}, a file: a JVM started
   * with standard input closed gives that number to the first file it opens), or {@link #CLOSED_INPUT} when it
   * has none. Empty when it cannot be known: not Linux, not allowed to look, or pipes all the way up.
   */
  public static Optional<String> buildInput() {
    Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
    for (int depth = 0; depth < MAX_ANCESTORS && ancestor.isPresent(); depth++) {
      Path link = Path.of("/proc", Long.toString(ancestor.get().pid()), "fd", "0");
      String input;
      try {
        input = Files.readSymbolicLink(link).toString();
      } catch (NoSuchFileException e) {
        return Files.isDirectory(link.getParent()) ? Optional.of(CLOSED_INPUT) : Optional.empty();
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return Optional.empty(); // Not allowed to look: assume the build is interactive.
      }
      if (!input.startsWith("pipe:") && !input.startsWith("socket:")) {
        return Optional.of(input);
      }
      ancestor = ancestor.get().parent();
    }
    return Optional.empty();
  }

  /** Whether this JVM's own standard input is {@code /dev/null} (Linux; elsewhere {@code false}). */
  public static boolean ownInputIsDevNull() {
    return DEV_NULL.equals(linkTarget(Path.of("/proc/self/fd/0")));
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
