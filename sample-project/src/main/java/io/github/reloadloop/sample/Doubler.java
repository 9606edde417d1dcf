package io.github.reloadloop.sample;

import java.util.function.IntUnaryOperator;

/** The Mighty Patcher example: edit {@link #twice} while {@link LiveDemo} runs, save, and watch its output. */
public final class Doubler {

  private Doubler() {
  }

  /** {@code n} doubled (or whatever this method body says right now). */
  public static int twice(int n) {
    IntUnaryOperator operation = x -> x * 2;
    return operation.applyAsInt(n);
  }
}
