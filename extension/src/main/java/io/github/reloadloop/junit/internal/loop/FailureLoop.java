package io.github.reloadloop.junit.internal.loop;

import static io.github.reloadloop.junit.internal.run.Words.plural;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.examine.Examiner;
import io.github.reloadloop.junit.internal.examine.Subject;
import io.github.reloadloop.junit.internal.rerun.RerunOutcome;
import io.github.reloadloop.junit.internal.run.FailedTest;
import io.github.reloadloop.junit.internal.run.Resolution;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One failure at the console: show it, then act on what the user decides at each {@link Prompt} step until a
 * rerun passes, or the user skips or aborts (the latest failure stands, so reports tell the truth). Failures
 * of Jupiter's own tests come through {@link #handle}; failures found after them (a test run in a fresh class
 * loader, a revalidated test) through {@link #resolve}, whose caller reports the outcome. One failure at a
 * time has the console: the others wait for their turn.
 */
public final class FailureLoop {

  private static final Duration RELOAD_WAIT = Duration.ofSeconds(60);
  /** At most this many class names from a failure are handed to the reloader to prepare. */
  private static final int MAX_LIKELY_EDITED = 200;

  private final LoopSession session;

  public FailureLoop(LoopSession session) {
    this.session = session;
  }

  /**
   * Runs the loop for a failure of the test in {@code context}: returns normally when a rerun passed (the
   * test is then reported as passed), else throws the latest failure.
   *
   * @param phase where it failed: the test itself, {@code @BeforeEach} or {@code @AfterEach}
   */
  public void handle(ExtensionContext context, Throwable failure, String phase) throws Throwable {
    String testClass = FailureView.testClassOf(context);
    String name = FailureView.testName(context);
    session.failedInstances().record(context.getUniqueId(),
        Subject.of(context, failure, FailedInstances.FAILING_RUN));
    // The reruns use the test's Spring test context managers as a plain run's next test would.
    session.springManagers().lend(context);
    Resolution resolution;
    try {
      resolution = resolve(new FailedTest(context.getUniqueId(), testClass, name, phase, failure,
          session.loaders().notesFor(context.getUniqueId(), testClass)));
    } finally {
      session.springManagers().takeBack(context);
    }
    if (!resolution.passed()) {
      throw resolution.latest();
    }
    String passed = "passed after " + plural(resolution.reruns(), "rerun");
    context.publishReportEntry("reload-loop", passed);
    // Surefire drops report entries; the test's standard output reaches its report.
    System.out.println("reload-loop: " + name + " " + passed);
    session.tests().markPassedByRerun(context.getUniqueId());
  }

  /**
   * Runs the loop for a failed test, one failure at the console at a time, and says how it ended. Without
   * an active loop (aborted, no console) it ends at once with the failure.
   */
  public Resolution resolve(FailedTest test) throws InterruptedException {
    int failedAt = session.changes().generation(); // Reloads after this one are new to the test.
    session.console().awaitTurn();
    try {
      // The reloader starts at the first failure (LoopSession.reloader); it can still find no source root.
      if (!session.active() || session.reloader() == null) {
        return new Resolution(false, 0, test.failure());
      }
      if (test.rerun() == null) {
        session.warmRerun(test.uniqueId(), test.testClass());
      }
      LoopConsole console;
      try {
        console = session.console().open();
      } catch (IOException e) {
        System.err.println("reload-loop: cannot open the console, the loop is off: " + e.getMessage());
        session.abort();
        return new Resolution(false, 0, test.failure());
      }
      try (Examiner examiner = new Examiner(console, session.sourceRoots(),
          LoopConfiguration.moduleDirectory(), session.configuration().evalTimeout())) {
        console.completeArguments(examiner::complete);
        session.reloader().expectEdits(likelyEdited(test.failure(), test.testClass()));
        session.expectEditsNear(test.testClass());
        return interact(test, console, examiner, failedAt);
      } finally {
        console.completeArguments(null);
      }
    } finally {
      session.failedInstances().forget(test.uniqueId());
      session.console().endTurn();
    }
  }

  /** In one of the loop's nested runs, records the failing test's instance for the console's {@code eval}. */
  public static void recordIfNested(ExtensionContext context, Throwable failure) {
    FailedInstances.recordIfNested(context, failure);
  }

  /**
   * The classes a fix is likely to touch: the test class and every class in the failure's stack trace, its
   * causes' and suppressed ones' (the reloader ignores those that are not the project's).
   */
  static Set<String> likelyEdited(Throwable failure, String testClass) {
    Set<String> names = new LinkedHashSet<>();
    names.add(testClass);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> pending = new ArrayDeque<>();
    if (failure != null) {
      pending.add(failure);
    }
    while (!pending.isEmpty() && names.size() < MAX_LIKELY_EDITED) {
      Throwable next = pending.poll();
      if (!seen.add(next)) {
        continue;
      }
      for (StackTraceElement frame : next.getStackTrace()) {
        names.add(frame.getClassName());
      }
      if (next.getCause() != null) {
        pending.add(next.getCause());
      }
      pending.addAll(List.of(next.getSuppressed()));
    }
    return names;
  }

  private Resolution interact(FailedTest test, LoopConsole console, Examiner examiner, int failedAt)
      throws InterruptedException {
    Throwable latest = test.failure();
    int reruns = 0;
    int ranAgainst = failedAt;
    FailureView.show(console, FailureView.title(test), FailureView.rerunning(test), latest, test.notes(),
        session.sourceRoots(), session.autoRerun());
    FailureView.showOutstanding(console, session.reloader().status().problems());
    Subjects subjects = new Subjects(session.failedInstances());
    Subject subject = subjects.first(test);
    examiner.examine(subject);
    Prompt prompt = new Prompt(session, console, examiner);
    while (true) {
      Prompt.Decision decision = prompt.next(test.what(), ranAgainst);
      switch (decision.kind()) {
        case SKIP -> {
          console.println(Tone.INFO, "skipped: " + test.what() + " fails");
          return new Resolution(false, reruns, latest);
        }
        case ABORT -> {
          console.println(Tone.INFO, "aborted: " + test.what() + " and later failures fail normally");
          session.abort();
          return new Resolution(false, reruns, latest);
        }
        case CLOSED -> {
          session.abort();
          return new Resolution(false, reruns, latest);
        }
        case VERIFY -> {
          if (reloadsApplied(console, "verifying")) {
            session.verifier().verify(console, decision.argument().equalsIgnoreCase("all"));
          }
        }
        case RERUN -> {
          if (decision.auto()) {
            ranAgainst = session.changes().generation(); // A save that does not compile is not retried until the next.
          }
          if (!readyToRerun(console, test.testClass())) {
            continue;
          }
          ranAgainst = session.changes().generation();
          reruns++;
          long rerunStart = System.nanoTime();
          RerunOutcome outcome = test.rerun() != null ? test.rerun().run()
              : session.rerun(test.uniqueId(), test.testClass());
          long rerunEnd = System.nanoTime();
          switch (outcome.status()) {
            case PASSED -> {
              console.println(Tone.SUCCESS, "PASSED " + test.what() + " after " + plural(reruns, "rerun"));
              showTiming(console, decision.auto(), rerunStart, rerunEnd, outcome.span());
              return new Resolution(true, reruns, latest);
            }
            case FAILED -> {
              latest = outcome.failure() == null ? latest : outcome.failure();
              FailureView.show(console, ": " + test.what() + " (rerun " + reruns + ")", FailureView.rerunning(test),
                  latest, session.loaders().notesFor(test.uniqueId(), test.testClass()), session.sourceRoots(),
                  session.autoRerun());
              showTiming(console, decision.auto(), rerunStart, rerunEnd, outcome.span());
              subject = subjects.afterRerun(test, subject, latest, reruns);
              examiner.examine(subject);
            }
            case ABORTED -> console.println(Tone.WARNING, "the rerun was aborted" + (outcome.failure() != null
                ? ": " + outcome.failure() : outcome.detail() != null ? ": " + outcome.detail() : ""));
            case NOT_FOUND -> console.println(Tone.WARNING, outcome.detail());
          }
        }
      }
    }
  }

  /** With {@link LoopConfiguration#TIMING} on, after a rerun that a reload started: where the time went. */
  private void showTiming(LoopConsole console, boolean auto, long rerunStart, long rerunEnd, RerunOutcome.Span test) {
    String line = auto && session.configuration().timing() ? session.timing().line(rerunStart, rerunEnd, test) : null;
    if (line != null) {
      console.println(Tone.INFO, line);
    }
  }

  /** Waits for pending reloads; says why not when the code that would run is not the code on disk. */
  private boolean readyToRerun(LoopConsole console, String testClass) throws InterruptedException {
    if (!reloadsApplied(console, "rerunning")) {
      return false;
    }
    Set<String> stale = session.loaders().staleReachedBy(testClass);
    if (!stale.isEmpty()) {
      console.println(Tone.INFO, "changed shape: " + String.join(", ", stale) + "; the rerun uses a fresh class loader"
          + " (static state of project classes starts fresh there)");
    }
    return true;
  }

  /**
   * Waits for pending reloads; says why not when the code that would run is not the code on disk.
   *
   * @param doing what would run ({@code rerunning}, {@code verifying}), for the messages
   */
  private boolean reloadsApplied(LoopConsole console, String doing) throws InterruptedException {
    if (!session.reloader().awaitPendingReloads(RELOAD_WAIT)) {
      console.println(Tone.WARNING, "still compiling after " + RELOAD_WAIT.toSeconds() + " s; type the command"
          + " again to wait again");
      return false;
    }
    List<CompileProblem> problems = session.reloader().status().problems();
    if (!problems.isEmpty()) {
      console.println(Tone.ERROR, "not " + doing + ": the last save does not compile, so the tests would run old code:");
      problems.forEach(p -> console.println(Tone.ERROR, "  " + p));
      console.println(Tone.INFO, session.autoRerun() && doing.equals("rerunning")
          ? "fix it and save: the test reruns by itself" : "fix it and save, then type the command again");
      return false;
    }
    return true;
  }
}
