package io.github.reloadloop.junit.internal.examine;

import io.github.reloadloop.junit.console.LoopConsole.Tone;

/** A line for the console, with how it is shown. */
record Line(Tone tone, String text) {

  static Line plain(String text) {
    return new Line(Tone.PLAIN, text);
  }

  static Line error(String text) {
    return new Line(Tone.ERROR, text);
  }

  static Line info(String text) {
    return new Line(Tone.INFO, text);
  }
}
