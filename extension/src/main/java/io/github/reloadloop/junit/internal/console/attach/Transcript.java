package io.github.reloadloop.junit.internal.console.attach;

import io.github.reloadloop.junit.console.LoopConsole.Tone;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console showed since the latest failure: what a terminal that attaches (again) is shown first,
 * so that it starts from the failure it is there for. A failure starts with the loop's header line, an
 * {@link Tone#ERROR} line beginning with {@value #FAILURE_HEADER} (the loop's {@code FailureLoop} writes it
 * first for every failure and every failed rerun). At most {@value #MAX_ENTRIES} entries are kept: the
 * header and the latest ones, with a line saying how many were left out between them.
 *
 * <p>Threading: not thread-safe; the attach console guards it.
 */
final class Transcript {

  static final String FAILURE_HEADER = "FAILED";
  static final int MAX_ENTRIES = 400;

  /** One {@code println}. */
  record Entry(Tone tone, String text) {}

  private final List<Entry> entries = new ArrayList<>();
  private int leftOut;
  private int failures;

  void add(Tone tone, String text) {
    if (tone == Tone.ERROR && text.startsWith(FAILURE_HEADER)) {
      entries.clear();
      leftOut = 0;
      failures++;
    }
    entries.add(new Entry(tone, text));
    if (entries.size() > MAX_ENTRIES) {
      entries.remove(hasHeader() ? 1 : 0);
      leftOut++;
    }
  }

  /** What to show a terminal that attaches. */
  List<Entry> replay() {
    List<Entry> replay = new ArrayList<>(entries);
    if (leftOut > 0) {
      replay.add(hasHeader() ? 1 : 0, new Entry(Tone.INFO, "... (" + leftOut + " more lines not shown again)"));
    }
    return replay;
  }

  /** How many failures were shown so far. */
  int failures() {
    return failures;
  }

  /** The latest failure's header ({@code FAILED: CalculatorTests > adds()}), or {@code null}. */
  String latestFailure() {
    return hasHeader() ? entries.get(0).text() : null;
  }

  private boolean hasHeader() {
    return failures > 0 && !entries.isEmpty() && entries.get(0).text().startsWith(FAILURE_HEADER)
        && entries.get(0).tone() == Tone.ERROR;
  }
}
