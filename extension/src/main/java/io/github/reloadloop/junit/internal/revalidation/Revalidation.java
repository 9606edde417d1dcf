package io.github.reloadloop.junit.internal.revalidation;

import static io.github.reloadloop.junit.internal.run.Words.plural;

import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.graph.ClassGraph;
import io.github.reloadloop.junit.internal.rerun.RerunOutcome;
import io.github.reloadloop.junit.internal.rerun.RunResults;
import io.github.reloadloop.junit.internal.rerun.TestRerunner;
import io.github.reloadloop.junit.internal.run.FailedTest;
import io.github.reloadloop.junit.internal.run.ReplayedRun;
import io.github.reloadloop.junit.internal.run.Resolution;
import io.github.reloadloop.junit.internal.run.RunContext;
import io.github.reloadloop.junit.internal.run.TestHistory;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;

/**
 * Makes the final report hold for the code on disk. A test that passed before a reload ran against the old
 * code; if it reaches (through {@link ClassGraph}) a class changed since, it is rerun at the end of the run
 * against the current code, in the loader the current code runs in. A revalidated failure enters the loop
 * like any failure; one that stands is reported under the original test, saying what it passed against
 * before and which reload broke it. A pass is not reported again: the test passed already in the report, and
 * reporting it twice would count it twice. {@link Verify} does the same at the console, on demand.
 */
public final class Revalidation {

  /** {@code 22:37:00}: LocalTime's own text drops zero seconds. */
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final RunContext run;

  public Revalidation(RunContext run) {
    this.run = run;
  }

  /** At the end of the run: revalidates what needs it and keeps the results for the end-of-run engine. */
  public void atEndOfRun() throws InterruptedException {
    int now = run.changes().generation();
    List<TestHistory.Entry> stale = run.history().passed().stream().filter(t -> t.generation() < now).toList();
    if (stale.isEmpty()) {
      return; // Nothing was reloaded after a pass: no need to read the class graph.
    }
    List<Candidate> candidates = Candidate.select(run, stale, true);
    if (candidates.isEmpty()) {
      return;
    }
    run.report().show(Tone.INFO, "revalidating " + plural(candidates.size(), "test")
        + " that passed before a reload and reach a class changed since:");
    Set<String> classes = new HashSet<>();
    int failedInAll = 0;
    for (Map.Entry<ClassLoader, List<Candidate>> group : Candidate.byLoader(run, candidates).entrySet()) {
      boolean fresh = group.getKey() != run.loaders().original();
      RunResults results = run.rerunner().run(Candidate.ids(group.getValue()), group.getKey());
      Map<UniqueId, TestExecutionResult> finals = new HashMap<>();
      Map<String, List<String>> failedByClass = new LinkedHashMap<>();
      Map<String, Integer> countByClass = new LinkedHashMap<>();
      for (Candidate candidate : group.getValue()) {
        UniqueId id = UniqueId.parse(candidate.test().uniqueId());
        String testClass = Candidate.simpleName(candidate.test().testClass());
        countByClass.merge(testClass, 1, Integer::sum);
        classes.add(candidate.test().testClass());
        RerunOutcome outcome = TestRerunner.outcome(results, id);
        boolean passed = outcome.status() == RerunOutcome.Status.PASSED;
        if (outcome.status() == RerunOutcome.Status.FAILED) {
          TestExecutionResult result = resolveFailure(candidate, results, outcome, fresh);
          passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
          if (!passed) {
            finals.put(id, result);
          }
        }
        if (passed) {
          run.history().record(candidate.test().uniqueId(), candidate.test().testClass(), true, now, fresh);
        } else {
          failedByClass.computeIfAbsent(testClass, c -> new ArrayList<>()).add(Candidate.name(results, id));
        }
      }
      countByClass.forEach((testClass, count) -> {
        List<String> failed = failedByClass.getOrDefault(testClass, List.of());
        run.report().show(failed.isEmpty() ? Tone.SUCCESS : Tone.ERROR, "  " + testClass + ": "
            + plural(count, "test") + " revalidated, "
            + (failed.isEmpty() ? "all passed" : failed.size() + " failed: " + String.join(", ", failed)));
      });
      failedInAll += failedByClass.values().stream().mapToInt(List::size).sum();
      if (!finals.isEmpty()) {
        // Only the failures that stand: a pass changes nothing in the report, where the test passed already.
        run.report().replayLater(new ReplayedRun(results, finals, finals.keySet(),
            "revalidated at the end of the run: it passed before a reload of a class it reaches"));
      }
    }
    run.report().show(failedInAll == 0 ? Tone.SUCCESS : Tone.ERROR, "revalidated " + plural(candidates.size(), "test")
        + " in " + plural(classes.size(), "class") + ": " + (failedInAll == 0 ? "all passed" : failedInAll + " failed"));
  }

  /** A revalidated test failed: the loop, when active; else the failure, saying what changed since its pass. */
  private TestExecutionResult resolveFailure(Candidate candidate, RunResults results, RerunOutcome outcome,
      boolean fresh) throws InterruptedException {
    String before = "passed before the reload of " + String.join(", ", candidate.changed()) + " at "
        + CLOCK_TIME.format(LocalTime.ofInstant(candidate.reload().at(), ZoneId.systemDefault()));
    List<String> notes = new ArrayList<>(List.of("revalidated: it " + before + ", and fails now"));
    if (fresh) {
      notes.addAll(run.loaders().notesFor(candidate.test().uniqueId(), candidate.test().testClass()));
    }
    Resolution resolution = run.failures().resolve(new FailedTest(candidate.test().uniqueId(),
        candidate.test().testClass(), Candidate.name(results, UniqueId.parse(candidate.test().uniqueId())), "test",
        outcome.failure(), notes));
    if (resolution.passed()) {
      return TestExecutionResult.successful();
    }
    return TestExecutionResult.failed(new RevalidationFailure(before, resolution.latest()));
  }

  /** A revalidated test failed: it passed before a reload and fails against the code on disk now. */
  static final class RevalidationFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    RevalidationFailure(String before, Throwable now) {
      super("revalidated after reloads: this test " + before + " and fails now: " + now, now);
      setStackTrace(now == null ? new StackTraceElement[0] : now.getStackTrace());
    }
  }
}
