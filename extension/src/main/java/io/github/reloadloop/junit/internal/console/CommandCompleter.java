package io.github.reloadloop.junit.internal.console;

import io.github.reloadloop.junit.console.LoopConsole;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes command names in the first word, and the argument of a command that takes one (the Java of
 * {@code eval}) through the {@link LoopConsole.ArgumentCompletion} registered for it.
 */
final class CommandCompleter implements Completer {

  private final Supplier<LoopConsole.ArgumentCompletion> arguments;

  CommandCompleter(Supplier<LoopConsole.ArgumentCompletion> arguments) {
    this.arguments = arguments;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (line.wordIndex() == 0) {
      Commands.completions().forEach(name -> candidates.add(new Candidate(name)));
      return;
    }
    LoopConsole.ArgumentCompletion completion = arguments.get();
    String text = line.line();
    int start = argumentStart(text);
    if (completion == null || start < 0 || line.cursor() < start) {
      return;
    }
    String argument = text.substring(start);
    int cursor = line.cursor() - start;
    int wordStart = cursor - line.wordCursor();
    LoopConsole.Completions completions = completion.complete(argument, cursor);
    if (completions.from() < wordStart) {
      return;
    }
    String kept = argument.substring(wordStart, completions.from());
    for (String candidate : completions.candidates()) {
      candidates.add(new Candidate(kept + candidate, candidate, null, null, null, null, false));
    }
  }

  /** Where the argument starts, when the first word names a command that takes one; else -1. */
  static int argumentStart(String line) {
    String stripped = line.stripLeading();
    int space = stripped.indexOf(' ');
    if (space < 0) {
      return -1;
    }
    return Commands.parse(stripped.substring(0, space)).filter(c -> !c.argument().isEmpty())
        .map(c -> line.length() - stripped.length() + space + 1).orElse(-1);
  }
}
