package io.github.reloadloop.junit.internal.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's commands as a registry of small values, from which parsing, completion and help are
 * generated.
 */
public final class Commands {

  /** What a command asks the loop to do. */
  public enum Action { CONTINUE, SKIP, ABORT, STATUS, VERIFY, WHERE, FIELDS, EVAL, AUTO, HELP }

  /**
   * One command: its name, a short alias, a line of help, and the name of an argument that the console
   * completes ({@code ""} for none).
   */
  public record Command(String name, String alias, Action action, String help, String argument) {
    public Command(String name, String alias, Action action, String help) {
      this(name, alias, action, help, "");
    }
  }

  public static final List<Command> ALL = List.of(
      new Command("continue", "c", Action.CONTINUE, "wait for pending reloads, then rerun the failed test"),
      new Command("skip", "s", Action.SKIP, "let this failure stand and go on with the run"),
      new Command("abort", "q", Action.ABORT, "stop looping: this and later failures fail normally"),
      new Command("status", "st", Action.STATUS, "source roots, reloaded classes, compile errors, class loaders"),
      new Command("verify", "v", Action.VERIFY,
          "rerun now the tests of this run that reach a changed class (verify all: every test so far)"),
      new Command("where", "w", Action.WHERE, "the failure's whole stack trace, your frames marked"),
      new Command("fields", "f", Action.FIELDS, "the failing test's fields and the exception"),
      new Command("eval", "p", Action.EVAL, "<Java>: evaluate with JShell; test is the failing test, failure its exception",
          "<Java>"),
      new Command("auto", "a", Action.AUTO, "auto on|off: rerun the failed test by itself after each reload"),
      new Command("help", "h", Action.HELP, "this list"));

  private Commands() {}

  /** The command a typed line names (by its first word: name, alias or unambiguous prefix), if any. */
  public static Optional<Command> parse(String line) {
    String word = firstWord(line).toLowerCase(Locale.ROOT);
    if (word.isEmpty()) {
      return Optional.empty();
    }
    if (word.equals("?")) {
      return Optional.of(ALL.get(ALL.size() - 1));
    }
    for (Command command : ALL) {
      if (command.name().equals(word) || command.alias().equals(word)) {
        return Optional.of(command);
      }
    }
    List<Command> prefixed = ALL.stream().filter(c -> c.name().startsWith(word)).toList();
    return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
  }

  /** What follows the command's word on a typed line, trimmed ({@code all} in {@code verify all}). */
  public static String argument(String line) {
    String trimmed = line == null ? "" : line.trim();
    int space = trimmed.indexOf(' ');
    return space < 0 ? "" : trimmed.substring(space + 1).trim();
  }

  private static String firstWord(String line) {
    String trimmed = line == null ? "" : line.trim();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }

  /** Help text, one command per line. */
  public static String help() {
    StringBuilder text = new StringBuilder();
    for (Command command : ALL) {
      text.append(String.format("  %-9s %-3s %s%n", command.name(), command.alias(), command.help()));
    }
    return text.toString().stripTrailing();
  }

  /** The short usage line shown under a failure. */
  public static String usage() {
    List<String> parts = new ArrayList<>();
    for (Command command : ALL) {
      parts.add(command.name() + " (" + command.alias() + ")");
    }
    return String.join(", ", parts);
  }

  static List<String> completions() {
    return ALL.stream().map(Command::name).toList();
  }
}
