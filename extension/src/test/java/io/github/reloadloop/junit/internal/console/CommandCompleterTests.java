package io.github.reloadloop.junit.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.junit.console.LoopConsole;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class CommandCompleterTests {

  private final List<String> asked = new ArrayList<>();

  private List<String> complete(String line, LoopConsole.ArgumentCompletion completion) {
    ParsedLine parsed = new DefaultParser().parse(line, line.length());
    List<Candidate> candidates = new ArrayList<>();
    new CommandCompleter(() -> completion).complete(null, parsed, candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

  @Test
  void firstWord_completesCommandNames() {
    assertThat(complete("wh", null)).contains("where", "continue", "eval");
  }

  @Test
  void evalArgument_completedByTheArgumentCompletion_replacingTheWordUnderTheCursor() {
    List<String> values = complete("p test.le", (argument, cursor) -> {
      asked.add(argument + "|" + cursor);
      return new LoopConsole.Completions(5, List.of("ledger", "length()"));
    });

    assertThat(asked).containsExactly("test.le|7");
    assertThat(values).containsExactly("test.ledger", "test.length()");
  }

  @Test
  void argumentOfACommandWithoutOne_orNoCompletion_completesNothing() {
    assertThat(complete("continue no", (a, c) -> new LoopConsole.Completions(0, List.of("x")))).isEmpty();
    assertThat(complete("p test.le", null)).isEmpty();
  }
}
