package io.github.reloadloop.junit.internal.examine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.function.Consumer;

/**
 * {@code System.out} or {@code System.err} while an evaluation runs: what the evaluating threads print
 * goes to the console line by line; what other threads print (tests running in parallel) goes on to the
 * stream that was there before, which in Surefire's test JVM is Surefire's channel.
 */
final class EvalOutput extends OutputStream {

  private final PrintStream original;
  private final InheritableThreadLocal<Boolean> evaluating;
  private final Consumer<String> console;
  private final Charset charset;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  /**
   * @param evaluating set on the thread that evaluates; threads it starts (JShell runs each snippet on a new
   *     thread) inherit it
   */
  EvalOutput(PrintStream original, InheritableThreadLocal<Boolean> evaluating, Consumer<String> console) {
    this.original = original;
    this.evaluating = evaluating;
    this.console = console;
    this.charset = Charset.defaultCharset();
  }

  /** A print stream over this output, in the original stream's character set. */
  PrintStream stream() {
    return new PrintStream(this, true, charset);
  }

  @Override
  public void write(int b) {
    if (!Boolean.TRUE.equals(evaluating.get())) {
      original.write(b);
      return;
    }
    synchronized (line) {
      if (b == '\n') {
        flushLine();
      } else {
        line.write(b);
      }
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    if (!Boolean.TRUE.equals(evaluating.get())) {
      original.write(bytes, offset, length);
      return;
    }
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  @Override
  public void flush() {
    original.flush();
  }

  /** Shows what is left of a line that was not ended. */
  void finish() {
    synchronized (line) {
      if (line.size() > 0) {
        flushLine();
      }
    }
  }

  private void flushLine() {
    String text = line.toString(charset);
    line.reset();
    console.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
  }
}
