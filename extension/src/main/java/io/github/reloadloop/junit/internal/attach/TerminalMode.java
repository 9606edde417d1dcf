package io.github.reloadloop.junit.internal.attach;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local terminal of the {@code attach} command, through {@code stty} on its standard input (no library:
 * the command runs from the extension's jar alone). {@link #raw()} keeps the settings it found and
 * {@link #close()} puts exactly those back, so {@code stty -a} shows the same before and after.
 */
final class TerminalMode implements AutoCloseable {

  private static final long STTY_SECONDS = 10;

  private final String saved;
  private boolean closed;

  private TerminalMode(String saved) {
    this.saved = saved;
  }

  /**
   * Puts the terminal in raw mode: every key, Ctrl-C included, is a byte for the run (the terminal sends no
   * signal), nothing is echoed, and output is passed through as the run's terminal formats it.
   *
   * @throws IOException when standard input is not a terminal, saying so
   */
  static TerminalMode raw() throws IOException {
    String saved = stty("-g").trim();
    TerminalMode mode = new TerminalMode(saved);
    stty("raw", "-echo");
    return mode;
  }

  /** The terminal's size, columns then rows; 80 by 24 when it cannot be read. */
  static int[] size() {
    try {
      String[] rowsColumns = stty("size").trim().split("\\s+");
      int rows = Integer.parseInt(rowsColumns[0]);
      int columns = Integer.parseInt(rowsColumns[1]);
      if (rows > 0 && columns > 0) {
        return new int[] {columns, rows};
      }
    } catch (IOException | RuntimeException e) {
      // No size known (a terminal that reports 0 0, or none): the usual default.
    }
    return new int[] {80, 24};
  }

  /**
   * Calls {@code onChange} when the window's size changes (SIGWINCH, through {@code sun.misc.Signal}, which
   * every JDK has in {@code jdk.unsupported}; looked up at run time so the build needs no internal API).
   *
   * @return whether the signal could be watched; if not, the caller polls
   */
  static boolean onResize(Runnable onChange) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object winch = signal.getConstructor(String.class).newInstance("WINCH");
      Object callback = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
          (proxy, method, arguments) -> switch (method.getName()) {
            case "handle" -> {
              onChange.run();
              yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> "reload-loop window size watch";
          });
      signal.getMethod("handle", signal, handler).invoke(null, winch, callback);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false; // No such signal here: the caller polls the size instead.
    }
  }

  /** Puts back the settings found by {@link #raw()}. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stty(saved);
    } catch (IOException e) {
      System.err.println("reload-loop: could not restore the terminal's settings (" + e.getMessage()
          + "): run  stty sane");
    }
  }

  /** Runs {@code stty} on this process's standard input and returns what it printed. */
  static String stty(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("stty"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(STTY_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("stty " + String.join(" ", arguments) + " did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running stty", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("standard input is not a terminal (stty " + String.join(" ", arguments) + ": "
          + output.trim() + ")");
    }
    return output;
  }
}
