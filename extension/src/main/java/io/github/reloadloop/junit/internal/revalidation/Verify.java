package io.github.reloadloop.junit.internal.revalidation;

import static io.github.reloadloop.junit.internal.run.Words.plural;

import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.rerun.RerunOutcome;
import io.github.reloadloop.junit.internal.rerun.RunResults;
import io.github.reloadloop.junit.internal.rerun.TestRerunner;
import io.github.reloadloop.junit.internal.run.RunContext;
import io.github.reloadloop.junit.internal.run.TestHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.UniqueId;

/**
 * {@code verify} at the console: reruns now the tests of the run so far that reach a class changed since the
 * run started ({@code verify all}: every test so far), shows one line, and records the passes. A failure is
 * listed, not looped: the failure at the console is still the one being fixed.
 */
public final class Verify {

  private final RunContext run;

  public Verify(RunContext run) {
    this.run = run;
  }

  /** Reruns now the tests of this run that reach a changed class, or all of them, and shows a summary. */
  public void verify(LoopConsole console, boolean all) throws InterruptedException {
    List<TestHistory.Entry> seen = run.history().all();
    List<Candidate> candidates = all
        ? seen.stream().map(t -> new Candidate(t, null, Set.of())).toList()
        : Candidate.select(run, seen, false);
    String what = all ? "verify all: " + plural(candidates.size(), "test")
        : "verify: " + plural(candidates.size(), "test") + (candidates.size() == 1 ? " reaches " : " reach ")
            + changedNames(candidates);
    if (candidates.isEmpty()) {
      console.println(Tone.INFO, all ? "verify all: no test has run yet"
          : "verify: no test of this run reaches a changed class");
      return;
    }
    long start = System.nanoTime();
    int passed = 0;
    List<String> failures = new ArrayList<>();
    for (Map.Entry<ClassLoader, List<Candidate>> group : Candidate.byLoader(run, candidates).entrySet()) {
      RunResults results = run.rerunner().run(Candidate.ids(group.getValue()), group.getKey());
      for (Candidate candidate : group.getValue()) {
        UniqueId id = UniqueId.parse(candidate.test().uniqueId());
        RerunOutcome outcome = TestRerunner.outcome(results, id);
        if (outcome.status() == RerunOutcome.Status.PASSED) {
          passed++;
          // A failure leaves the older pass on record, so that the end of the run revalidates it again.
          run.history().record(candidate.test().uniqueId(), candidate.test().testClass(), true,
              run.changes().generation(), group.getKey() != run.loaders().original());
        } else if (outcome.status() == RerunOutcome.Status.FAILED) {
          failures.add(Candidate.name(results, id) + ": " + firstLine(outcome.failure()));
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    console.println(failures.isEmpty() ? Tone.SUCCESS : Tone.ERROR, what + ", " + passed + " passed"
        + (failures.isEmpty() ? "" : ", " + failures.size() + " failed") + " in "
        + String.format("%.1f s", millis / 1000.0));
    failures.forEach(f -> console.println(Tone.ERROR, "  FAILED " + f));
  }

  private static String changedNames(List<Candidate> candidates) {
    Set<String> names = new TreeSet<>();
    candidates.forEach(c -> c.changed().forEach(n -> names.add(Candidate.simpleName(n))));
    List<String> shown = new ArrayList<>(names);
    return shown.size() <= 3 ? String.join(", ", shown) : String.join(", ", shown.subList(0, 3)) + " and "
        + (shown.size() - 3) + " more";
  }

  private static String firstLine(Throwable failure) {
    String text = String.valueOf(failure);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
