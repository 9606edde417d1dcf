package io.github.reloadloop.junit.loop;

import static io.github.reloadloop.junit.loop.ConsoleReloadListener.plural;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.CompileProblem;
import io.github.reloadloop.core.ReloadStatus;
import io.github.reloadloop.junit.console.Commands;
import io.github.reloadloop.junit.console.Commands.Command;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.ConsoleClosedException;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.examine.Examiner;
import io.github.reloadloop.junit.examine.Subject;
import io.github.reloadloop.junit.rerun.FreshClassLoader;
import io.github.reloadloop.junit.rerun.RerunOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One failure at the console: show it, then read commands until a rerun passes, or the user skips or
 * aborts (the latest failure stands, so reports tell the truth). Failures of Jupiter's own tests come
 * through {@link #handle}; failures found after them (a test run in a fresh class loader, a revalidated
 * test) through {@link #resolve}, whose caller reports the outcome.
 */
public final class FailureLoop {

  static final String PROMPT = "reload> ";
  /** What an auto-rerun does: what {@code continue} does. */
  private static final String AUTO_CONTINUE = "continue";
  private static final Duration RELOAD_WAIT = Duration.ofSeconds(60);
  /** At most this many class names from a failure are handed to the reloader to prepare. */
  private static final int MAX_LIKELY_EDITED = 200;

  /**
   * A failed test waiting at the console.
   *
   * @param uniqueId its unique id, by which it is rerun
   * @param testClass binary name of the class that declares it, which decides the loader of its reruns
   * @param name {@code CalculatorTests > adds > [2] 3}
   * @param phase where it failed: {@code test}, {@code @BeforeEach} or {@code @AfterEach}
   * @param failure what it threw
   * @param notes lines shown under the failure (which loader it ran in, what it passed against before)
   */
  public record FailedTest(String uniqueId, String testClass, String name, String phase, Throwable failure,
      List<String> notes) {

    public FailedTest {
      notes = List.copyOf(notes);
    }
  }

  /**
   * How the loop ended for a failed test.
   *
   * @param passed whether a rerun passed
   * @param reruns how many reruns ran
   * @param latest the latest failure (the original one when nothing was rerun)
   */
  public record Resolution(boolean passed, int reruns, Throwable latest) {}

  private final LoopSession session;
  private Examiner examiner;

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
    String testClass = LoopSession.testClassOf(context);
    session.failedInstances().record(context.getUniqueId(), Subject.of(context, failure, "the failing run"));
    Resolution resolution = resolve(new FailedTest(context.getUniqueId(), testClass, testName(context), phase,
        failure, session.notesFor(context.getUniqueId(), testClass)));
    if (!resolution.passed()) {
      throw resolution.latest();
    }
    String passed = "passed after " + plural(resolution.reruns(), "rerun");
    context.publishReportEntry("reload-loop", passed);
    // Surefire drops report entries; the test's standard output reaches its report.
    System.out.println("reload-loop: " + testName(context) + " " + passed);
    session.markPassedByRerun(context.getUniqueId());
  }

  /**
   * Runs the loop for a failed test, one failure at the console at a time, and says how it ended. Without
   * an active loop (aborted, no console) it ends at once with the failure.
   */
  public Resolution resolve(FailedTest test) throws InterruptedException {
    int failedAt = session.changes().generation(); // Reloads after this one are new to the test.
    session.turn().lockInterruptibly();
    try {
      // The reloader starts at the first failure (LoopSession.reloader); it can still find no source root.
      if (!session.active() || session.reloader() == null) {
        return new Resolution(false, 0, test.failure());
      }
      session.warmRerun(test.uniqueId(), test.testClass());
      LoopConsole console;
      try {
        console = session.console();
      } catch (IOException e) {
        System.err.println("reload-loop: cannot open the console, the loop is off: " + e.getMessage());
        session.abort();
        return new Resolution(false, 0, test.failure());
      }
      try (Examiner examining = new Examiner(console, session.sourceRoots(),
          LoopConfiguration.moduleDirectory(), session.configuration().evalTimeout())) {
        examiner = examining;
        console.completeArguments(examining::complete);
        session.reloader().expectEdits(likelyEdited(test.failure(), test.testClass()));
        session.expectEditsNear(test.testClass());
        return interact(test, console, failedAt);
      } finally {
        console.completeArguments(null);
      }
    } finally {
      session.failedInstances().forget(test.uniqueId());
      session.turn().unlock();
    }
  }

  /** In one of the loop's nested runs, records the failing test's instance for the console's {@code eval}. */
  public static void recordIfNested(ExtensionContext context, Throwable failure) {
    FailedInstances.recordIfNested(context, failure);
  }

  /** What the console examines first: the instance the failure happened in, if it was recorded. */
  private Subject firstSubject(FailedTest test) {
    return session.failedInstances().take(test.uniqueId(), test.failure())
        .map(s -> s.origin().equals("the failing run") ? s : s.from("a run in " + loaderName(s.testClass())))
        .orElseGet(() -> unrecorded(test.failure(), test.testClass(), "no instance was recorded for this run"));
  }

  /** After a failed rerun: its test instance, whose {@code @AfterEach} has run by now. */
  private Subject rerunSubject(FailedTest test, Subject previous, Throwable failure, int reruns) {
    String origin = "rerun " + reruns;
    return session.failedInstances().take(test.uniqueId(), failure)
        .map(s -> s.from(origin + (s.testClass().getClassLoader() instanceof FreshClassLoader
            ? " in " + loaderName(s.testClass()) : "") + "; its @AfterEach has run"))
        .orElseGet(() -> new Subject(failure, previous.instances(), previous.testClass(),
            previous.origin() + "; the instance of " + origin + " was not recorded"));
  }

  private Subject unrecorded(Throwable failure, String testClass, String origin) {
    Class<?> type;
    try {
      type = Class.forName(testClass, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      type = Object.class;
    }
    return new Subject(failure, List.of(), type, origin);
  }

  private static String loaderName(Class<?> type) {
    return type.getClassLoader() instanceof FreshClassLoader fresh ? "fresh class loader " + fresh.generation()
        : "the original class loader";
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

  /** Reads a command at the prompt; meanwhile the run is idle, and the reloader may warm its compiler up. */
  private String readAtPrompt(LoopConsole console) throws ConsoleClosedException {
    AutoReloader reloader = session.reloader();
    reloader.idle(true);
    try {
      return console.readLine(PROMPT);
    } finally {
      reloader.idle(false);
    }
  }

  private Resolution interact(FailedTest test, LoopConsole console, int failedAt) throws InterruptedException {
    Throwable latest = test.failure();
    int reruns = 0;
    int ranAgainst = failedAt;
    showFailure(console, test.name(), test.phase(), latest, test.notes());
    showOutstandingProblems(console);
    Subject subject = firstSubject(test);
    examiner.examine(subject);
    while (true) {
      String line;
      boolean auto = session.autoRerun() && session.changes().generation() > ranAgainst;
      try {
        line = auto ? AUTO_CONTINUE : readAtPrompt(console);
      } catch (ConsoleClosedException e) {
        console.println(Tone.WARNING, e.getMessage() + ": aborting the loop; this and later failures fail normally");
        session.abort();
        return new Resolution(false, reruns, latest);
      }
      if (line == null) {
        continue; // Woken: a reload applied; auto-rerun decides above.
      }
      if (auto) {
        ranAgainst = session.changes().generation(); // A save that does not compile is not retried until the next.
        console.println(Tone.INFO, "auto: rerunning " + test.name());
      }
      Optional<Command> command = Commands.parse(line);
      if (command.isEmpty()) {
        if (line != null && !line.isBlank()) {
          console.println(Tone.WARNING, "unknown command '" + line.trim() + "'; type help");
        }
        continue;
      }
      switch (command.get().action()) {
        case HELP -> console.println(Tone.PLAIN, Commands.help());
        case STATUS -> console.println(Tone.PLAIN, String.join("\n", session.statusLines()));
        case VERIFY -> {
          if (reloadsApplied(console, "verifying")) {
            session.verify(console, Commands.argument(line).equalsIgnoreCase("all"));
          }
        }
        case WHERE -> examiner.where();
        case FIELDS -> examiner.fields();
        case EVAL -> examiner.eval(Commands.argument(line));
        case SKIP -> {
          console.println(Tone.INFO, "skipped: " + test.name() + " fails");
          return new Resolution(false, reruns, latest);
        }
        case ABORT -> {
          console.println(Tone.INFO, "aborted: " + test.name() + " and later failures fail normally");
          session.abort();
          return new Resolution(false, reruns, latest);
        }
        case AUTO -> switchAuto(console, Commands.argument(line));
        case CONTINUE -> {
          if (!readyToRerun(console, test.testClass())) {
            continue;
          }
          ranAgainst = session.changes().generation();
          reruns++;
          RerunOutcome outcome = session.rerun(test.uniqueId(), test.testClass());
          switch (outcome.status()) {
            case PASSED -> {
              console.println(Tone.SUCCESS, "PASSED " + test.name() + " after " + plural(reruns, "rerun"));
              return new Resolution(true, reruns, latest);
            }
            case FAILED -> {
              latest = outcome.failure() == null ? latest : outcome.failure();
              showFailure(console, test.name() + " (rerun " + reruns + ")", "test", latest,
                  session.notesFor(test.uniqueId(), test.testClass()));
              subject = rerunSubject(test, subject, latest, reruns);
              examiner.examine(subject);
            }
            case ABORTED -> console.println(Tone.WARNING, "the rerun was aborted"
                + (outcome.failure() != null ? ": " + outcome.failure() : outcome.detail() != null ? ": " + outcome.detail() : ""));
            case NOT_FOUND -> console.println(Tone.WARNING, outcome.detail());
          }
        }
      }
    }
  }

  private void switchAuto(LoopConsole console, String argument) {
    switch (argument.toLowerCase(java.util.Locale.ROOT)) {
      case "on" -> session.autoRerun(true);
      case "off" -> session.autoRerun(false);
      case "" -> { }
      default -> {
        console.println(Tone.WARNING, "auto " + argument + ": use auto on or auto off");
        return;
      }
    }
    console.println(Tone.INFO, session.autoRerun()
        ? "auto-rerun is on: each reload that applies reruns the failed test (auto off stops it)"
        : "auto-rerun is off: type continue to rerun the failed test (auto on reruns it after each reload)");
  }

  /** Waits for pending reloads; says why not when the code that would run is not the code on disk. */
  private boolean readyToRerun(LoopConsole console, String testClass) throws InterruptedException {
    if (!reloadsApplied(console, "rerunning")) {
      return false;
    }
    Set<String> stale = session.staleReachedBy(testClass);
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

  private void showFailure(LoopConsole console, String name, String phase, Throwable failure, List<String> notes) {
    String where = phase.equals("test") ? "" : " in " + phase;
    console.println(Tone.ERROR, "FAILED" + where + ": " + name);
    console.println(Tone.PLAIN, String.join("\n", FailureReport.describe(failure, session.sourceRoots())));
    notes.forEach(note -> console.println(Tone.WARNING, note));
    console.println(Tone.INFO, session.autoRerun()
        ? "Fix the code and save: the test reruns by itself (auto on). Or type " + Commands.usage() + "."
        : "Fix the code and save; then type " + Commands.usage() + ".");
  }

  private void showOutstandingProblems(LoopConsole console) {
    List<CompileProblem> problems = session.reloader().status().problems();
    if (!problems.isEmpty()) {
      console.println(Tone.WARNING, "outstanding compile errors (the old code keeps running):");
      problems.forEach(p -> console.println(Tone.WARNING, "  " + p));
    }
  }

  static List<String> statusLines(ReloadStatus status) {
    List<String> lines = new ArrayList<>(RootLines.of(status, LoopConfiguration.moduleDirectory()));
    lines.add("compiler:       " + status.compiler() + "; agent: " + status.agent()
        + "; enhanced redefinition: " + (status.enhancedRedefinition() ? "yes (schema changes are redefined in place)" : "no"));
    lines.add("reloaded:       " + (status.reloadedClasses().isEmpty() ? "nothing yet"
        : plural(status.reloadedClasses().size(), "class") + " (" + ConsoleReloadListener.names(status.reloadedClasses()) + ")"));
    if (!status.recentReloadTimes().isEmpty()) {
      lines.add("last reloads:   " + String.join(", ", status.recentReloadTimes().stream()
          .map(d -> Long.toString(d.toMillis())).toList()) + " ms from save to redefined");
    }
    if (status.problems().isEmpty()) {
      lines.add("compile errors: none");
    } else {
      lines.add("compile errors:");
      status.problems().forEach(p -> lines.add("  " + p));
    }
    if (!status.prepared().isEmpty()) {
      lines.add("prepared:       " + plural(status.prepared().size(), "class") + " near the failure, read as they"
          + " run (unchanged) for a faster first reload: " + byPackage(status.prepared()));
    }
    if (!status.notPrepared().isEmpty()) {
      lines.add("not prepared (their first reload takes longer):");
      new TreeMap<>(status.notPrepared()).forEach((name, why) -> lines.add("  " + name + ": " + why));
    }
    if (!status.refused().isEmpty()) {
      lines.add("changed shape (reruns use a fresh class loader):");
      status.refused().values().forEach(r -> lines.add("  " + r.describe()));
    }
    return lines;
  }

  /** Class names grouped by package: {@code shop.{OrderController, Pricing}, shop.web.Api}. */
  static String byPackage(List<String> classNames) {
    Map<String, List<String>> byPackage = new TreeMap<>();
    for (String name : classNames) {
      int dot = name.lastIndexOf('.');
      byPackage.computeIfAbsent(dot < 0 ? "" : name.substring(0, dot), p -> new ArrayList<>())
          .add(name.substring(dot + 1));
    }
    List<String> groups = new ArrayList<>();
    byPackage.forEach((pkg, names) -> {
      Collections.sort(names);
      String prefix = pkg.isEmpty() ? "" : pkg + ".";
      groups.add(names.size() == 1 ? prefix + names.get(0) : prefix + "{" + String.join(", ", names) + "}");
    });
    return String.join(", ", groups);
  }

  /** {@code CalculatorTests > adds > [2] 3} from the class down to the test. */
  static String testName(ExtensionContext context) {
    List<String> parts = new ArrayList<>();
    for (ExtensionContext c = context; c != null && c.getParent().isPresent(); c = c.getParent().get()) {
      parts.add(0, c.getDisplayName());
    }
    return String.join(" > ", parts);
  }

}
