package io.github.reloadloop.junit.internal.console;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Passes every call through, unchanged and on the calling thread, to another print stream (Surefire's,
 * which carries the output to the build and the test report), after telling a listener that output is on
 * its way. Flushing is not output.
 */
final class ObservedPrintStream extends PrintStream {

  private final PrintStream target;
  private final Runnable onOutput;

  ObservedPrintStream(PrintStream target, Runnable onOutput) {
    super(target);
    this.target = target;
    this.onOutput = onOutput;
  }

  PrintStream target() {
    return target;
  }

  @Override
  public void write(int b) {
    onOutput.run();
    target.write(b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    onOutput.run();
    target.write(bytes, offset, length);
  }

  @Override
  public void write(byte[] bytes) throws java.io.IOException {
    onOutput.run();
    target.write(bytes);
  }

  @Override
  public void writeBytes(byte[] bytes) {
    onOutput.run();
    target.writeBytes(bytes);
  }

  @Override
  public void print(boolean b) {
    onOutput.run();
    target.print(b);
  }

  @Override
  public void print(char c) {
    onOutput.run();
    target.print(c);
  }

  @Override
  public void print(int i) {
    onOutput.run();
    target.print(i);
  }

  @Override
  public void print(long l) {
    onOutput.run();
    target.print(l);
  }

  @Override
  public void print(float f) {
    onOutput.run();
    target.print(f);
  }

  @Override
  public void print(double d) {
    onOutput.run();
    target.print(d);
  }

  @Override
  public void print(char[] s) {
    onOutput.run();
    target.print(s);
  }

  @Override
  public void print(String s) {
    onOutput.run();
    target.print(s);
  }

  @Override
  public void print(Object o) {
    onOutput.run();
    target.print(o);
  }

  @Override
  public void println() {
    onOutput.run();
    target.println();
  }

  @Override
  public void println(boolean b) {
    onOutput.run();
    target.println(b);
  }

  @Override
  public void println(char c) {
    onOutput.run();
    target.println(c);
  }

  @Override
  public void println(int i) {
    onOutput.run();
    target.println(i);
  }

  @Override
  public void println(long l) {
    onOutput.run();
    target.println(l);
  }

  @Override
  public void println(float f) {
    onOutput.run();
    target.println(f);
  }

  @Override
  public void println(double d) {
    onOutput.run();
    target.println(d);
  }

  @Override
  public void println(char[] s) {
    onOutput.run();
    target.println(s);
  }

  @Override
  public void println(String s) {
    onOutput.run();
    target.println(s);
  }

  @Override
  public void println(Object o) {
    onOutput.run();
    target.println(o);
  }

  @Override
  public PrintStream printf(String format, Object... args) {
    onOutput.run();
    target.printf(format, args);
    return this;
  }

  @Override
  public PrintStream printf(Locale locale, String format, Object... args) {
    onOutput.run();
    target.printf(locale, format, args);
    return this;
  }

  @Override
  public PrintStream format(String format, Object... args) {
    onOutput.run();
    target.format(format, args);
    return this;
  }

  @Override
  public PrintStream format(Locale locale, String format, Object... args) {
    onOutput.run();
    target.format(locale, format, args);
    return this;
  }

  @Override
  public PrintStream append(CharSequence text) {
    onOutput.run();
    target.append(text);
    return this;
  }

  @Override
  public PrintStream append(CharSequence text, int start, int end) {
    onOutput.run();
    target.append(text, start, end);
    return this;
  }

  @Override
  public PrintStream append(char c) {
    onOutput.run();
    target.append(c);
    return this;
  }

  @Override
  public void flush() {
    target.flush();
  }

  @Override
  public void close() {
    target.close();
  }

  @Override
  public boolean checkError() {
    return target.checkError();
  }
}
