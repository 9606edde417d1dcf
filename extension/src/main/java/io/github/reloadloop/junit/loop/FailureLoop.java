package io.github.reloadloop.junit.loop;

import static io.github.reloadloop.junit.loop.ConsoleReloadListener.plural;

import io.github.reloadloop.core.CompileProblem;
import io.github.reloadloop.core.ReloadStatus;
import io.github.reloadloop.junit.console.Commands;
import io.github.reloadloop.junit.console.Commands.Command;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.ConsoleClosedException;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.rerun.RerunOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One failure at the console: show it, then read commands until a rerun passes (return normally), or the
 * user skips or aborts (the latest failure is thrown, so reports tell the truth).
 */
public final class FailureLoop {

  static final String PROMPT = "reload> ";
  private static final Duration RELOAD_WAIT = Duration.ofSeconds(60);

  private final LoopSession session;

  public FailureLoop(LoopSession session) {
    this.session = session;
  }

  /**
   * Runs the loop for a failure of the test in {@code context}.
   *
   * @param phase where it failed: the test itself, {@code @BeforeEach} or {@code @AfterEach}
   * @throws Throwable the latest failure when the test did not pass
   */
  public void handle(ExtensionContext context, Throwable failure, String phase) throws Throwable {
    session.turn().lockInterruptibly();
    try {
      if (!session.active()) {
        throw failure;
      }
      LoopConsole console;
      try {
        console = session.console();
      } catch (IOException e) {
        System.err.println("reload-loop: cannot open the console, the loop is off: " + e.getMessage());
        session.abort();
        throw failure;
      }
      interact(context, failure, phase, console);
    } finally {
      session.turn().unlock();
    }
  }

  private void interact(ExtensionContext context, Throwable failure, String phase, LoopConsole console)
      throws Throwable {
    String name = testName(context);
    Throwable latest = failure;
    int reruns = 0;
    showFailure(console, name, phase, latest);
    showOutstandingProblems(console);
    while (true) {
      String line;
      try {
        line = console.readLine(PROMPT);
      } catch (ConsoleClosedException e) {
        console.println(Tone.WARNING, e.getMessage() + ": aborting the loop; this and later failures fail normally");
        session.abort();
        throw latest;
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
        case STATUS -> console.println(Tone.PLAIN, String.join("\n", statusLines(session.reloader().status())));
        case SKIP -> {
          console.println(Tone.INFO, "skipped: " + name + " fails");
          throw latest;
        }
        case ABORT -> {
          console.println(Tone.INFO, "aborted: " + name + " and later failures fail normally");
          session.abort();
          throw latest;
        }
        case CONTINUE -> {
          if (!readyToRerun(console)) {
            continue;
          }
          reruns++;
          RerunOutcome outcome = session.rerun(context.getUniqueId(), Thread.currentThread().getContextClassLoader());
          switch (outcome.status()) {
            case PASSED -> {
              console.println(Tone.SUCCESS, "PASSED " + name + " after " + plural(reruns, "rerun"));
              context.publishReportEntry("reload-loop", "passed after " + plural(reruns, "rerun"));
              // Surefire drops report entries; the test's standard output reaches its report.
              System.out.println("reload-loop: " + name + " passed after " + plural(reruns, "rerun"));
              session.markPassedByRerun(context.getUniqueId());
              return;
            }
            case FAILED -> {
              latest = outcome.failure() == null ? latest : outcome.failure();
              showFailure(console, name + " (rerun " + reruns + ")", "test", latest);
            }
            case ABORTED -> console.println(Tone.WARNING, "the rerun was aborted"
                + (outcome.failure() != null ? ": " + outcome.failure() : outcome.detail() != null ? ": " + outcome.detail() : ""));
            case NOT_FOUND -> console.println(Tone.WARNING, outcome.detail());
          }
        }
      }
    }
  }

  /** Waits for pending reloads; says why not when the code that would run is not the code on disk. */
  private boolean readyToRerun(LoopConsole console) throws InterruptedException {
    if (!session.reloader().awaitPendingReloads(RELOAD_WAIT)) {
      console.println(Tone.WARNING, "still compiling after " + RELOAD_WAIT.toSeconds() + " s; type continue to wait again");
      return false;
    }
    List<CompileProblem> problems = session.reloader().status().problems();
    if (!problems.isEmpty()) {
      console.println(Tone.ERROR, "not rerunning: the last save does not compile, so the rerun would test old code:");
      problems.forEach(p -> console.println(Tone.ERROR, "  " + p));
      console.println(Tone.INFO, "fix it and save, then type continue");
      return false;
    }
    Set<String> stale = session.staleClasses();
    if (!stale.isEmpty()) {
      console.println(Tone.INFO, "changed shape: " + String.join(", ", new java.util.TreeSet<>(stale)) + "; the rerun uses a fresh class loader"
          + " (static state of project classes starts fresh there)");
    }
    return true;
  }

  private void showFailure(LoopConsole console, String name, String phase, Throwable failure) {
    String where = phase.equals("test") ? "" : " in " + phase;
    console.println(Tone.ERROR, "FAILED" + where + ": " + name);
    console.println(Tone.PLAIN, String.join("\n", FailureReport.describe(failure, session.configuration().sourceRoots())));
    console.println(Tone.INFO, "Fix the code and save; then type " + Commands.usage() + ".");
  }

  private void showOutstandingProblems(LoopConsole console) {
    List<CompileProblem> problems = session.reloader().status().problems();
    if (!problems.isEmpty()) {
      console.println(Tone.WARNING, "outstanding compile errors (the old code keeps running):");
      problems.forEach(p -> console.println(Tone.WARNING, "  " + p));
    }
  }

  static List<String> statusLines(ReloadStatus status) {
    List<String> lines = new ArrayList<>();
    lines.add("source roots:   " + String.join(", ", status.sourceRoots().stream()
        .map(r -> r + (status.releases().containsKey(r) ? " (release " + status.releases().get(r) + ")" : "")).toList()));
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
    if (!status.refused().isEmpty()) {
      lines.add("changed shape (reruns use a fresh class loader):");
      status.refused().values().forEach(r -> lines.add("  " + r.describe()));
    }
    return lines;
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
