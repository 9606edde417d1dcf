package io.github.reloadloop.junit.console;

/**
 * Opens the console when the first failure needs it. Implementations need a public no-argument
 * constructor; the configuration key {@code reload.console} names one by class, {@code tty} (the default)
 * is {@link TerminalConsole}.
 */
public interface ConsoleFactory {

  /**
   * Checks, without side effects on the terminal, whether a console can be opened.
   *
   * @return {@code null} when it can, else the reason it cannot (shown to the user in one line)
   */
  String unavailableReason();

  /** Opens the console. */
  LoopConsole open() throws java.io.IOException;
}
