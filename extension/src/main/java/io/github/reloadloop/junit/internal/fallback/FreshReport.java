package io.github.reloadloop.junit.internal.fallback;

import static io.github.reloadloop.junit.internal.run.Words.plural;

import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.run.RunReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the console says about tests that ran in a fresh class loader, so that it stays readable however many
 * there are: one line when a reload moves later tests to a fresh loader, a line for a test class only the
 * first time it runs in one or when something failed there, and one summary line at the end of the run.
 *
 * <p>Threading: test threads; synchronized.
 */
final class FreshReport {

  /** At most this many names in one line. */
  private static final int NAMES_SHOWN = 5;

  private final RunReport report;
  private Set<String> announced = Set.of();
  private final Set<String> classesShown = new HashSet<>();
  private final Set<String> classes = new HashSet<>();
  private int tests;
  private final List<String> failed = new ArrayList<>();

  FreshReport(RunReport report) {
    this.report = report;
  }

  /** Before a fresh run: says once per set of stale classes that later tests reaching them run in a fresh loader. */
  synchronized void announce(Set<String> stale) {
    if (!stale.equals(announced)) {
      announced = Set.copyOf(stale);
      Set<String> names = new TreeSet<>();
      stale.forEach(name -> names.add(simpleName(name)));
      report.show(Tone.INFO, "later tests that reach " + names(new ArrayList<>(names))
          + " run in a fresh class loader");
    }
  }

  /**
   * After a fresh run of tests of {@code testClass} (a top-level class): a line the first time the class runs
   * in a fresh loader, or when a test failed there.
   *
   * @param failedNames the tests whose failure stands, {@code ElementTest > parses()}
   * @param where {@code a fresh class loader (reload-loop-fresh-1)}
   * @param why why it runs there when the announcement does not say it (a reach through a class that looks
   *     classes up by name), else empty
   */
  synchronized void ran(String testClass, int passed, List<String> failedNames, String where, String why) {
    tests += passed + failedNames.size();
    classes.add(testClass);
    failed.addAll(failedNames);
    if (passed + failedNames.size() == 0 || (!classesShown.add(testClass) && failedNames.isEmpty())) {
      return;
    }
    report.show(failedNames.isEmpty() ? Tone.INFO : Tone.WARNING, simpleName(testClass) + ": "
        + plural(passed, "test") + " passed" + (failedNames.isEmpty() ? "" : ", " + failedNames.size()
        + " failed (" + names(failedNames) + ")") + " in " + where + (why.isEmpty() ? "" : "; it " + why));
  }

  /** At the end of the run, when tests ran in a fresh loader: how many, in how many classes, and how they ended. */
  synchronized void summarize() {
    if (tests == 0) {
      return;
    }
    report.show(failed.isEmpty() ? Tone.SUCCESS : Tone.ERROR, plural(tests, "test") + " in "
        + plural(classes.size(), "class") + " ran in a fresh class loader; "
        + (failed.isEmpty() ? "all passed" : failed.size() + " failed: " + names(failed)));
  }

  private static String names(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
    return names.size() > NAMES_SHOWN ? shown + " and " + (names.size() - NAMES_SHOWN) + " more" : shown;
  }

  static String simpleName(String binaryName) {
    return binaryName.substring(binaryName.lastIndexOf('.') + 1);
  }
}
