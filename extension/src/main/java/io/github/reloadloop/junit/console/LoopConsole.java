package io.github.reloadloop.junit.console;

/**
 * Where the loop talks to the developer. The real one is the console on the terminal ({@code /dev/tty});
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

  /**
   * Watches for Ctrl-C while no line is read (an {@code eval} runs): until the watch is closed, Ctrl-C calls
   * {@code onInterrupt} instead of signalling the build. A console without a terminal never calls it.
   */
  default InterruptWatch watchInterrupts(Runnable onInterrupt) {
    return () -> { };
  }

  /** Completes the argument of commands that take one ({@code eval}); {@code null} stops it. */
  default void completeArguments(ArgumentCompletion completion) {
    // A console without a line editor has nothing to complete.
  }

  /** Restores the terminal. Idempotent. */
  @Override
  void close();

  /** An active {@link #watchInterrupts} watch; closing it restores the terminal. */
  interface InterruptWatch extends AutoCloseable {
    @Override
    void close();
  }

  /** Completion of a command's argument, such as the Java of {@code eval}. */
  interface ArgumentCompletion {
    /**
     * @param argument the text after the command word
     * @param cursor the cursor's position in {@code argument}
     * @return the replacements for the part of {@code argument} from {@code from} to the cursor
     */
    Completions complete(String argument, int cursor);
  }

  /**
   * @param from where in the argument the completed part starts
   * @param candidates what may replace it
   */
  record Completions(int from, java.util.List<String> candidates) {}

  /** Thrown when no more input can come: the message says why (Ctrl-D, Ctrl-C, terminal closed). */
  final class ConsoleClosedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConsoleClosedException(String reason) {
      super(reason);
    }
  }
}
