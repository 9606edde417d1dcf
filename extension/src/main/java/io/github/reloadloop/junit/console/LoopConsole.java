package io.github.reloadloop.junit.console;

/**
 * Where the loop talks to the developer. The real one is {@link TerminalConsole} on {@code /dev/tty};
 * tests script one through {@link ConsoleFactory}.
 *
 * <p>Threading: {@link #println} and {@link #wake} may be called from any thread (reload events arrive on the
 * reloader's thread) and must not garble a line being typed; {@link #readLine} is called by one thread at a
 * time.
 */
public interface LoopConsole extends AutoCloseable {

  /** How a line is shown. */
  enum Tone { PLAIN, INFO, SUCCESS, WARNING, ERROR }

  /**
   * Shows {@code prompt} and reads one line.
   *
   * @return the line, or {@code null} when {@link #wake()} ended the read (or came before it) before a line
   *     was entered; what was typed so far is offered again by the next read
   * @throws ConsoleClosedException on Ctrl-D, Ctrl-C or a terminal that went away
   */
  String readLine(String prompt) throws ConsoleClosedException;

  /**
   * Ends the {@link #readLine} in progress, or the next one, with {@code null}: the loop has something to do
   * without a keypress (auto-rerun after a reload). May be called from any thread; a console that cannot be
   * woken ignores it, and the loop then acts at the next line typed.
   */
  default void wake() {}

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
