package io.github.reloadloop.junit.internal.console.line;

import io.github.reloadloop.junit.console.LoopConsole;
import java.io.PrintStream;

/**
 * The console in plain lines on standard input and output, for an IDE's run console (IntelliJ IDEA, Eclipse,
 * VS Code): the IDE edits and echoes the line itself and sends it with Enter, so there is no raw mode, no
 * line editing and no colour here; the commands are the same. Events print on lines of their own, and the
 * prompt is printed again after them. The IDE's stop button ends the run, so Ctrl-C never reaches the loop.
 *
 * <p>Threading: {@link #readLine} on the loop's thread; {@link #println} and {@link #wake} from any thread.
 * All state is guarded by the {@link StdinLines} monitor.
 */
final class LineConsole implements LoopConsole {

  private final StdinLines lines;
  private final PrintStream out;
  private String promptShown;
  private boolean wakePending;
  private boolean closed;

  LineConsole(StdinLines lines, PrintStream out) {
    this.lines = lines;
    this.out = out;
  }

  @Override
  public String readLine(String prompt) throws ConsoleClosedException {
    synchronized (lines) {
      out.print(prompt);
      out.flush();
      promptShown = prompt;
      try {
        while (true) {
          if (wakePending) {
            wakePending = false;
            out.println();
            return null;
          }
          String line = lines.poll();
          if (line != null) {
            return line;
          }
          if (lines.exhausted() || closed) {
            out.println();
            throw new ConsoleClosedException("end of standard input");
          }
          lines.wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConsoleClosedException("interrupted");
      } finally {
        promptShown = null;
      }
    }
  }

  @Override
  public void wake() {
    synchronized (lines) {
      wakePending = true;
      lines.notifyAll();
    }
  }

  @Override
  public void println(Tone tone, String text) {
    synchronized (lines) {
      if (closed) {
        return;
      }
      if (promptShown != null) {
        out.println();
      }
      out.println(text);
      if (promptShown != null) {
        out.print(promptShown);
      }
      out.flush();
    }
  }

  @Override
  public void close() {
    synchronized (lines) {
      closed = true;
      lines.notifyAll();
    }
  }
}
