package io.github.reloadloop.junit.loop;

import static io.github.reloadloop.junit.loop.ConsoleReloadListener.plural;

import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.graph.ClassGraph;
import io.github.reloadloop.junit.loop.ChangeLog.Reload;
import io.github.reloadloop.junit.loop.FailureLoop.FailedTest;
import io.github.reloadloop.junit.loop.FailureLoop.Resolution;
import io.github.reloadloop.junit.rerun.RerunOutcome;
import io.github.reloadloop.junit.rerun.RunResults;
import io.github.reloadloop.junit.rerun.TestRerunner;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Makes the final report hold for the code on disk. A test that passed before a reload ran against the old
 * code; if it reaches (through {@link ClassGraph}) a class changed since, it is rerun at the end of the run
 * against the current code, in the loader the current code runs in. A revalidated failure enters the loop
 * like any failure; one that stands is reported under the original test, saying what it passed against
 * before and which reload broke it. {@code verify} does the same at the console, on demand.
 */
final class Revalidation {

  /** {@code 22:37:00}: LocalTime's own text drops zero seconds. */
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** A test to rerun, and the first reload after its pass that changed a class it reaches. */
  record Candidate(TestHistory.Entry test, Reload reload, Set<String> changed) {}

  private final LoopSession session;

  Revalidation(LoopSession session) {
    this.session = session;
  }

  /** The tests whose latest pass is older than a change to a class they reach. */
  List<Candidate> select(List<TestHistory.Entry> tests, boolean sinceTheirPass) {
    ClassGraph graph = session.graph();
    Map<String, ClassGraph.Reach> reaches = new HashMap<>();
    Map<Integer, Map<String, Reload>> changedAfter = new HashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (TestHistory.Entry test : tests) {
      int after = sinceTheirPass ? test.generation() : 0;
      Map<String, Reload> changed = changedAfter.computeIfAbsent(after, g -> session.changes().changedAfter(g));
      if (changed.isEmpty()) {
        continue;
      }
      ClassGraph.Reach reach = reaches.computeIfAbsent(test.testClass(), c -> graph.reach(List.of(c)));
      Set<String> reached = new TreeSet<>(reach.reached(changed.keySet()));
      if (!reached.isEmpty()) {
        Reload first = reached.stream().map(changed::get).min(Comparator.comparingInt(Reload::generation)).get();
        candidates.add(new Candidate(test, first, reached));
      }
    }
    return candidates;
  }

  /** At the end of the run: revalidates what needs it and keeps the results for the end-of-run engine. */
  void atEndOfRun() throws InterruptedException {
    int now = session.changes().generation();
    List<TestHistory.Entry> stale = session.history().passed().stream().filter(t -> t.generation() < now).toList();
    if (stale.isEmpty()) {
      return; // Nothing was reloaded after a pass: no need to read the class graph.
    }
    List<Candidate> candidates = select(stale, true);
    if (candidates.isEmpty()) {
      return;
    }
    session.show(Tone.INFO, "revalidating " + plural(candidates.size(), "test")
        + " that passed before a reload and reach a class changed since:");
    for (Map.Entry<ClassLoader, List<Candidate>> group : byLoader(candidates).entrySet()) {
      RunResults results = session.rerunner().run(ids(group.getValue()), group.getKey());
      Map<UniqueId, TestExecutionResult> finals = new HashMap<>();
      Map<String, List<String>> failedByClass = new LinkedHashMap<>();
      Map<String, Integer> countByClass = new LinkedHashMap<>();
      for (Candidate candidate : group.getValue()) {
        UniqueId id = UniqueId.parse(candidate.test().uniqueId());
        String testClass = simpleName(candidate.test().testClass());
        countByClass.merge(testClass, 1, Integer::sum);
        RerunOutcome outcome = TestRerunner.outcome(results, id);
        boolean passed = outcome.status() == RerunOutcome.Status.PASSED;
        if (outcome.status() == RerunOutcome.Status.FAILED) {
          TestExecutionResult result = resolveFailure(candidate, results, outcome,
              group.getKey() != session.originalLoader());
          passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
          finals.put(id, result);
        }
        if (passed) {
          session.history().record(candidate.test().uniqueId(), candidate.test().testClass(), true, now,
              group.getKey() != session.originalLoader());
        } else {
          failedByClass.computeIfAbsent(testClass, c -> new ArrayList<>()).add(name(results, id));
        }
      }
      countByClass.forEach((testClass, count) -> {
        List<String> failed = failedByClass.getOrDefault(testClass, List.of());
        session.show(failed.isEmpty() ? Tone.SUCCESS : Tone.ERROR, "  " + testClass + ": " + plural(count, "test")
            + " revalidated, " + (failed.isEmpty() ? "all passed" : failed.size() + " failed: " + String.join(", ", failed)));
      });
      session.replayLater(new ReplayedRun(results, finals,
          "revalidated at the end of the run: it passed before a reload of a class it reaches"));
    }
  }

  /** A revalidated test failed: the loop, when active; else the failure, saying what changed since its pass. */
  private TestExecutionResult resolveFailure(Candidate candidate, RunResults results, RerunOutcome outcome,
      boolean fresh) throws InterruptedException {
    String before = "passed before the reload of " + String.join(", ", candidate.changed()) + " at "
        + CLOCK_TIME.format(LocalTime.ofInstant(candidate.reload().at(), ZoneId.systemDefault()));
    List<String> notes = new ArrayList<>(List.of("revalidated: it " + before + ", and fails now"));
    if (fresh) {
      notes.addAll(session.notesFor(candidate.test().uniqueId(), candidate.test().testClass()));
    }
    Resolution resolution = new FailureLoop(session).resolve(new FailedTest(candidate.test().uniqueId(),
        candidate.test().testClass(), name(results, UniqueId.parse(candidate.test().uniqueId())), "test", outcome.failure(), notes));
    if (resolution.passed()) {
      return TestExecutionResult.successful();
    }
    return TestExecutionResult.failed(new RevalidationFailure(before, resolution.latest()));
  }

  /** {@code verify} at the console: reruns now, shows one line, and records the passes. */
  void verify(LoopConsole console, boolean all) throws InterruptedException {
    List<TestHistory.Entry> seen = session.history().all();
    List<Candidate> candidates = all
        ? seen.stream().map(t -> new Candidate(t, null, Set.of())).toList()
        : select(seen, false);
    String what = all ? "verify all: " + plural(candidates.size(), "test")
        : "verify: " + plural(candidates.size(), "test") + (candidates.size() == 1 ? " reaches " : " reach ")
            + changedNames(candidates);
    if (candidates.isEmpty()) {
      console.println(Tone.INFO, all ? "verify all: no test has run yet" : "verify: no test of this run reaches a changed class");
      return;
    }
    long start = System.nanoTime();
    int passed = 0;
    List<String> failures = new ArrayList<>();
    for (Map.Entry<ClassLoader, List<Candidate>> group : byLoader(candidates).entrySet()) {
      RunResults results = session.rerunner().run(ids(group.getValue()), group.getKey());
      for (Candidate candidate : group.getValue()) {
        UniqueId id = UniqueId.parse(candidate.test().uniqueId());
        RerunOutcome outcome = TestRerunner.outcome(results, id);
        if (outcome.status() == RerunOutcome.Status.PASSED) {
          passed++;
          // A failure leaves the older pass on record, so that the end of the run revalidates it again.
          session.history().record(candidate.test().uniqueId(), candidate.test().testClass(), true,
              session.changes().generation(), group.getKey() != session.originalLoader());
        } else if (outcome.status() == RerunOutcome.Status.FAILED) {
          failures.add(name(results, id) + ": " + firstLine(outcome.failure()));
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    console.println(failures.isEmpty() ? Tone.SUCCESS : Tone.ERROR, what + ", " + passed + " passed"
        + (failures.isEmpty() ? "" : ", " + failures.size() + " failed") + " in " + String.format("%.1f s", millis / 1000.0));
    failures.forEach(f -> console.println(Tone.ERROR, "  FAILED " + f));
  }

  /** Tests that reach a class that changed shape run in the fresh loader; the others in the original one. */
  private Map<ClassLoader, List<Candidate>> byLoader(List<Candidate> candidates) {
    Map<ClassLoader, List<Candidate>> groups = new LinkedHashMap<>();
    for (Candidate candidate : candidates) {
      groups.computeIfAbsent(session.loaderFor(candidate.test().testClass()), l -> new ArrayList<>()).add(candidate);
    }
    return groups;
  }

  private static List<String> ids(List<Candidate> candidates) {
    return candidates.stream().map(c -> c.test().uniqueId()).toList();
  }

  private static String changedNames(List<Candidate> candidates) {
    Set<String> names = new TreeSet<>();
    candidates.forEach(c -> c.changed().forEach(n -> names.add(simpleName(n))));
    List<String> shown = new ArrayList<>(names);
    return shown.size() <= 3 ? String.join(", ", shown) : String.join(", ", shown.subList(0, 3)) + " and "
        + (shown.size() - 3) + " more";
  }

  private static String name(RunResults results, UniqueId id) {
    return results.outcome(id).map(RunResults.Outcome::identifier)
        .map(test -> FreshRuns.displayPath(results.plan(), test)).orElse(id.toString());
  }

  private static String simpleName(String binaryName) {
    return binaryName.substring(binaryName.lastIndexOf('.') + 1);
  }

  private static String firstLine(Throwable failure) {
    String text = String.valueOf(failure);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
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
