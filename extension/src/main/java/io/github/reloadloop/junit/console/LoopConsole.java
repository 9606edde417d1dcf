package io.github.reloadloop.junit.console;

/**
 * Where the loop talks to the developer. The real one is {@link TerminalConsole} on {@code /dev/tty};
 * tests script one through {@link ConsoleFactory}.
 *
 * <p>Threading: {@link #println} may be called from any thread (reload events arrive on the reloader's
 * thread) and must not garble a line being typed; {@link #readLine} is called by one thread at a time.
 */
public interface LoopConsole extends AutoCloseable {

  /** How a line is shown. */
  enum Tone { PLAIN, INFO, SUCCESS, WARNING, ERROR }

  /**
   * Shows {@code prompt} and reads one line.
   *
   * @throws ConsoleClosedException on Ctrl-D, Ctrl-C or a terminal that went away
   */
  String readLine(String prompt) throws ConsoleClosedException;

  /** Shows a line, above the prompt if a line is being read. */
  void println(Tone tone, String text);

  /** Restores the terminal. Idempotent. */
  @Override
  void close();

  /** Thrown when no more input can come: the message says why (Ctrl-D, Ctrl-C, terminal closed). */
  final class ConsoleClosedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConsoleClosedException(String reason) {
      super(reason);
    }
  }
}
