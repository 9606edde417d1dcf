package io.github.reloadloop.junit.internal.console.line;

import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Opens a {@link LineConsole} on the JVM's standard input and output (the file descriptors, so that output
 * captured by a test or a build tool does not swallow the console). Not under Maven Surefire, which reads its
 * own commands from the test JVM's standard input.
 */
public final class StdinConsoleFactory implements ConsoleFactory {

  private final String unavailable;

  /** @param unavailable why standard input cannot be the console, or {@code null} when it can */
  public StdinConsoleFactory(String unavailable) {
    this.unavailable = unavailable;
  }

  @Override
  public String unavailableReason() {
    return unavailable;
  }

  @Override
  public LoopConsole open() {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, Charset.defaultCharset());
    out.println("reload-loop: the console reads lines from standard input here: type a command and Enter"
        + " (help lists them)");
    return new LineConsole(StdinLines.shared(), out);
  }
}
