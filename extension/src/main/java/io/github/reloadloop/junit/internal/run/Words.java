package io.github.reloadloop.junit.internal.run;

/** Counted nouns, as every console line of the loop writes them. */
public final class Words {

  private Words() {}

  /** {@code 1 test}, {@code 2 tests}, {@code 3 classes}. */
  public static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
  }
}
