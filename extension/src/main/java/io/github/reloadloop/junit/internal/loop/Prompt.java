package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.ConsoleClosedException;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.console.Commands;
import io.github.reloadloop.junit.internal.console.Commands.Command;
import io.github.reloadloop.junit.internal.examine.Examiner;
import java.util.Locale;
import java.util.Optional;

/**
 * One step of the console for a failed test: reads commands at the {@code reload> } prompt until one asks the
 * loop to act, and returns what the user decided. It answers the commands that only show something or switch
 * a setting itself ({@code help}, {@code status}, {@code where}, {@code fields}, {@code eval}, {@code auto});
 * a rerun, {@code verify}, {@code skip} and {@code abort} go back to {@link FailureLoop}, which acts on them
 * and then asks for the next step. After a reload that applied with auto-rerun on, the step returns a rerun
 * without a keypress.
 *
 * <p>Threading: the thread that holds the console's turn.
 */
final class Prompt {

  static final String TEXT = "reload> ";

  /** What the user decided at the prompt. */
  enum Kind {
    /** Rerun the failed test ({@code continue}, or auto-rerun after a reload). */
    RERUN,
    /** Rerun the tests of the run that reach a changed class ({@code verify}; with {@code all}, every one). */
    VERIFY,
    /** Let the failure stand and go on with the run. */
    SKIP,
    /** Stop looping: this and later failures fail normally. */
    ABORT,
    /** No more input can come (Ctrl-D, Ctrl-C, the terminal went away); said on the console already. */
    CLOSED
  }

  /**
   * A decision.
   *
   * @param kind what to do
   * @param argument what followed the command ({@code all} in {@code verify all}), else empty
   * @param auto whether the rerun comes from auto-rerun rather than from {@code continue}
   */
  record Decision(Kind kind, String argument, boolean auto) {
    static Decision of(Kind kind) {
      return new Decision(kind, "", false);
    }
  }

  private final LoopSession session;
  private final LoopConsole console;
  private final Examiner examiner;

  Prompt(LoopSession session, LoopConsole console, Examiner examiner) {
    this.session = session;
    this.console = console;
    this.examiner = examiner;
  }

  /**
   * Reads commands until the user decides something for the failed test named {@code testName}.
   *
   * @param ranAgainst the reload generation the test last ran against: a later one reruns it with auto-rerun on
   */
  Decision next(String testName, int ranAgainst) throws InterruptedException {
    while (true) {
      if (session.autoRerun() && session.changes().generation() > ranAgainst) {
        console.println(Tone.INFO, "auto: rerunning " + testName);
        return new Decision(Kind.RERUN, "", true);
      }
      String line;
      try {
        line = readAtPrompt();
      } catch (ConsoleClosedException e) {
        console.println(Tone.WARNING, e.getMessage() + ": aborting the loop; this and later failures fail normally");
        return Decision.of(Kind.CLOSED);
      }
      if (line == null) {
        continue; // Woken: a reload applied; auto-rerun decides above.
      }
      Optional<Command> command = Commands.parse(line);
      if (command.isEmpty()) {
        if (!line.isBlank()) {
          console.println(Tone.WARNING, "unknown command '" + line.trim() + "'; type help");
        }
        continue;
      }
      String argument = Commands.argument(line);
      switch (command.get().action()) {
        case CONTINUE -> {
          return Decision.of(Kind.RERUN);
        }
        case VERIFY -> {
          return new Decision(Kind.VERIFY, argument, false);
        }
        case SKIP -> {
          return Decision.of(Kind.SKIP);
        }
        case ABORT -> {
          return Decision.of(Kind.ABORT);
        }
        case HELP -> console.println(Tone.PLAIN, Commands.help());
        case STATUS -> console.println(Tone.PLAIN, String.join("\n", StatusLines.of(session.reloader().status(),
            session.autoRerun(), session.changes().stale().isEmpty() ? null : session.loaders().currentFreshName())));
        case WHERE -> examiner.where();
        case FIELDS -> examiner.fields();
        case EVAL -> examiner.eval(argument);
        case AUTO -> switchAuto(argument);
      }
    }
  }

  /** Reads a command at the prompt; meanwhile the run is idle, and the reloader may warm its compiler up. */
  private String readAtPrompt() throws ConsoleClosedException {
    AutoReloader reloader = session.reloader();
    reloader.idle(true);
    try {
      return console.readLine(TEXT);
    } finally {
      reloader.idle(false);
    }
  }

  private void switchAuto(String argument) {
    switch (argument.toLowerCase(Locale.ROOT)) {
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
}
