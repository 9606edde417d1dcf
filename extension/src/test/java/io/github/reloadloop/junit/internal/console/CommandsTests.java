package io.github.reloadloop.junit.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.junit.internal.console.Commands.Action;
import org.junit.jupiter.api.Test;

class CommandsTests {

  @Test
  void namesAliasesAndUnambiguousPrefixes_parseToTheirAction() {
    assertThat(Commands.parse("continue")).map(Commands.Command::action).contains(Action.CONTINUE);
    assertThat(Commands.parse("c")).map(Commands.Command::action).contains(Action.CONTINUE);
    assertThat(Commands.parse("  CONT ")).map(Commands.Command::action).contains(Action.CONTINUE);
    assertThat(Commands.parse("s")).map(Commands.Command::action).contains(Action.SKIP);
    assertThat(Commands.parse("q")).map(Commands.Command::action).contains(Action.ABORT);
    assertThat(Commands.parse("abort")).map(Commands.Command::action).contains(Action.ABORT);
    assertThat(Commands.parse("status")).map(Commands.Command::action).contains(Action.STATUS);
    assertThat(Commands.parse("?")).map(Commands.Command::action).contains(Action.HELP);
    assertThat(Commands.parse("verify all")).map(Commands.Command::action).contains(Action.VERIFY);
    assertThat(Commands.argument(" verify   all ")).isEqualTo("all");
    assertThat(Commands.argument("verify")).isEmpty();
    assertThat(Commands.parse("auto off")).map(Commands.Command::action).contains(Action.AUTO);
    assertThat(Commands.parse("a on")).map(Commands.Command::action).contains(Action.AUTO);
    assertThat(Commands.parse("au")).map(Commands.Command::action).contains(Action.AUTO);
    assertThat(Commands.parse("ab")).map(Commands.Command::action).contains(Action.ABORT);
    assertThat(Commands.argument("auto OFF")).isEqualTo("OFF");
  }

  @Test
  void blankUnknownOrAmbiguous_parseToNothing() {
    assertThat(Commands.parse("")).isEmpty();
    assertThat(Commands.parse(null)).isEmpty();
    assertThat(Commands.parse("frobnicate")).isEmpty();
    assertThat(Commands.parse("st").map(Commands.Command::action)).contains(Action.STATUS);
  }

  @Test
  void helpAndUsage_generatedFromTheRegistry() {
    assertThat(Commands.help().lines()).hasSize(Commands.ALL.size())
        .anySatisfy(l -> assertThat(l).contains("skip").contains("let this failure stand"));
    assertThat(Commands.usage()).isEqualTo("continue (c), skip (s), abort (q), status (st), verify (v),"
        + " where (w), fields (f), eval (p), auto (a), help (h)");
    assertThat(Commands.completions())
        .containsExactly("continue", "skip", "abort", "status", "verify", "where", "fields", "eval", "auto",
            "help");
  }

  @Test
  void eval_namedByTheFirstWord_argumentIsTheRest() {
    assertThat(Commands.parse("p test.ledger.balance()")).map(Commands.Command::action).contains(Action.EVAL);
    assertThat(Commands.parse("eval  int x = 1; x + 1 ")).map(Commands.Command::action).contains(Action.EVAL);
    assertThat(Commands.argument("eval  int x = 1; x + 1 ")).isEqualTo("int x = 1; x + 1");
    assertThat(Commands.parse("p")).map(Commands.Command::action).contains(Action.EVAL);
    assertThat(Commands.argument("p")).isEmpty();
    assertThat(Commands.parse("w")).map(Commands.Command::action).contains(Action.WHERE);
    assertThat(Commands.parse("fields")).map(Commands.Command::action).contains(Action.FIELDS);
  }
}
