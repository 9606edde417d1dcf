package io.github.reloadloop.junit.internal.run;

import io.github.reloadloop.junit.console.LoopConsole.Tone;

/** What the loop's features report about the tests they ran. */
public interface RunReport {

  /** Shows a line on the console if it is open (nothing is shown before the first failure opened it). */
  void show(Tone tone, String text);

  /** Keeps a nested run whose results the end-of-run engine reports under the original tests' names. */
  void replayLater(ReplayedRun run);
}
