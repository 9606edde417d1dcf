package io.github.reloadloop.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command in a real terminal: a detached tmux session on a server of its own, whose output stream tmux
 * copies into a file ({@code pipe-pane}) that this class reads every couple of milliseconds, so that the
 * moment a line appears on the terminal is known to a few milliseconds, whatever redraws the screen.
 */
final class TmuxTerminal implements AutoCloseable {

  private static final Pattern ESCAPES = Pattern.compile("\u001B(\\[[0-9;?<>=]*[ -/]*[@-~]|\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|[()][0-9A-Za-z]|[=>78DEHM])");
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final String SESSION = "bench";

  private final String socket = "reload-loop-bench-" + UUID.randomUUID();
  private final Path raw;
  private final StringBuilder received = new StringBuilder();
  private long readBytes;

  /** Where text was found: its end in {@link #text()}, and when it was seen ({@link System#nanoTime()}). */
  record Seen(int end, long nanos, String match) {}

  private TmuxTerminal(Path raw) {
    this.raw = raw;
  }

  /** Starts {@code command} (a shell line) in {@code directory}, in a 200x50 terminal whose output is recorded. */
  static TmuxTerminal start(Path directory, String command, Path raw) throws IOException, InterruptedException {
    Files.deleteIfExists(raw);
    Files.createFile(raw);
    TmuxTerminal terminal = new TmuxTerminal(raw);
    terminal.tmux("-f", "/dev/null", "new-session", "-d", "-s", SESSION, "-x", "200", "-y", "50", "-c",
        directory.toString(), "bash --noprofile --norc");
    terminal.tmux("pipe-pane", "-o", "-t", SESSION, "cat >> '" + raw + "'");
    terminal.keys(command);
    terminal.tmux("send-keys", "-t", SESSION, "Enter");
    return terminal;
  }

  /** Types {@code text} (no Enter). */
  void keys(String text) throws IOException, InterruptedException {
    tmux("send-keys", "-t", SESSION, "-l", text);
  }

  /** Everything the terminal received so far, escape sequences removed. */
  String text() throws IOException {
    poll();
    return ESCAPES.matcher(received).replaceAll("");
  }

  /** The length of {@link #text()} now: a mark to search from. */
  int mark() throws IOException {
    return text().length();
  }

  /**
   * Waits until {@code pattern} appears in the text after {@code from}, polling the recorded output.
   *
   * @throws IllegalStateException after {@code timeout}, with the end of what the terminal showed
   */
  Seen await(Pattern pattern, int from, Duration timeout, String what) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int searched = from;
    while (true) {
      if (poll()) {
        String text = ESCAPES.matcher(received).replaceAll("");
        Matcher matcher = pattern.matcher(text);
        if (matcher.find(Math.min(searched, text.length()))) {
          return new Seen(matcher.end(), System.nanoTime(), matcher.group());
        }
      }
      if (System.nanoTime() > deadline) {
        String text = text();
        throw new IllegalStateException("waited " + timeout.toSeconds() + " s for " + what + ", but the terminal shows:\n"
            + ShopProject.tail(text.substring(Math.min(from, text.length())), 4000));
      }
      TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
    }
  }

  /** Reads what tmux recorded since the last poll; {@code true} when there was something. */
  private boolean poll() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(raw.toFile(), "r")) {
      long length = file.length();
      if (length <= readBytes) {
        return false;
      }
      byte[] bytes = new byte[(int) (length - readBytes)];
      file.seek(readBytes);
      file.readFully(bytes);
      readBytes = length;
      // Latin-1 maps each byte to one char: the texts looked for are ASCII, and no read splits a character.
      received.append(new String(bytes, StandardCharsets.ISO_8859_1));
      return true;
    }
  }

  /**
   * Ends what still runs in the terminal (a JVM that a Maven plugin forked outlives the tmux server and its
   * shell), then the server.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      long shell = Long.parseLong(tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").trim());
      ProcessHandle.of(shell).ifPresent(handle -> handle.descendants().forEach(ProcessHandle::destroyForcibly));
      tmux("kill-server");
    } catch (IllegalStateException | NumberFormatException e) {
      // The server is gone already: nothing to stop.
    }
  }

  private String tmux(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().remove("TMUX");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("tmux failed: " + command + "\n" + output);
    }
    return output;
  }
}
