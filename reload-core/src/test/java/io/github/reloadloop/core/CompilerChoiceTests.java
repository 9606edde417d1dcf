package io.github.reloadloop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reloadloop.core.api.CompilerChoice;
import org.junit.jupiter.api.Test;

class CompilerChoiceTests {

  @Test
  void knownValues_parse_choice() {
    assertThat(CompilerChoice.parse(null)).isEqualTo(CompilerChoice.AUTO);
    assertThat(CompilerChoice.parse(" ")).isEqualTo(CompilerChoice.AUTO);
    assertThat(CompilerChoice.parse("Auto")).isEqualTo(CompilerChoice.AUTO);
    assertThat(CompilerChoice.parse("JAVAC ")).isEqualTo(CompilerChoice.JAVAC);
    assertThat(CompilerChoice.parse("ecj")).isEqualTo(CompilerChoice.ECJ);
    assertThat(CompilerChoice.parse("eclipse")).isEqualTo(CompilerChoice.ECJ);
  }

  @Test
  void unknownValue_parse_messageNamesKeyValueAndChoices() {
    assertThatThrownBy(() -> CompilerChoice.parse("jikes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reload.compiler=jikes is not a compiler: use auto, javac or ecj");
  }
}
