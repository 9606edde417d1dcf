package io.github.reloadloop.benchmarks;

import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;

/**
 * The console of the in-process fix-to-green benchmark ({@code reload.console}): always available, never
 * read. The benchmark plays the developer itself (saves, then calls what {@code continue} calls), so this
 * console only swallows what the loop would show.
 */
public final class QuietConsoleFactory implements ConsoleFactory {

  /** What the loop instantiates by name. */
  public QuietConsoleFactory() {}

  @Override
  public String unavailableReason() {
    return null;
  }

  @Override
  public LoopConsole open() {
    return new LoopConsole() {
      @Override
      public String readLine(String prompt) throws ConsoleClosedException {
        throw new ConsoleClosedException("the benchmark console takes no input");
      }

      @Override
      public void println(Tone tone, String text) {}

      @Override
      public void close() {}
    };
  }
}
