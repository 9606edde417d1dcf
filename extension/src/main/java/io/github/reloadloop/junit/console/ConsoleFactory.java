package io.github.reloadloop.junit.console;

/**
 * Opens the console when the first failure needs it. The configuration key {@code reload.console} chooses one:
 * {@code auto} (the default: the terminal, else an IDE's run console, else the attach console when the run is
 * interactive by every sign), {@code tty} (the console on the terminal, {@code /dev/tty}), {@code attach},
 * {@code stdin} or {@code off}; or it names an implementation by class (it needs a public constructor taking the
 * configuration parameters as a {@code Function<String, Optional<String>>}, or none).
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
