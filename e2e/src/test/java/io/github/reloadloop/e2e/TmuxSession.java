package io.github.reloadloop.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.TestInfo;

/**
 * A shell command running in a detached tmux session on a server of its own (its own socket), so that the
 * command has a real terminal that a test can read ({@link #screen()}) and type into ({@link #type}).
 */
final class TmuxSession implements AutoCloseable {

  private static final Duration TMUX_COMMAND_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  /** Unique per JVM: several builds may drive one tmux server at once. */
  private static final String SESSION = "e2e-" + ProcessHandle.current().pid();

  private final String socket;

  private TmuxSession(String socket) {
    this.socket = socket;
  }

  /**
   * Starts {@code shellCommand} in {@code directory} in a 160x50 terminal. The pane stays readable after the
   * command ends, and keeps its whole history.
   *
   * @throws AssertionError if tmux is not installed, saying to install it
   */
  static TmuxSession start(Path directory, String shellCommand) throws IOException, InterruptedException {
    requireTmux();
    TmuxSession session = new TmuxSession("reload-loop-e2e-" + UUID.randomUUID());
    session.tmux("-f", "/dev/null", "start-server", ";",
        "set-option", "-g", "history-limit", "100000", ";",
        "set-option", "-g", "remain-on-exit", "on", ";",
        "new-session", "-d", "-s", SESSION, "-x", "160", "-y", "50", "-c", directory.toString(), shellCommand);
    return session;
  }

  private static void requireTmux() throws InterruptedException {
    try {
      Process version = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
      if (version.waitFor(TMUX_COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS) && version.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // Not installed (or not runnable): the message below says what to do.
    }
    throw new AssertionError("tmux is not installed, and these end-to-end tests run the demo in a real terminal"
        + " through it: install tmux (apt-get install tmux); .ci/run installs it");
  }

  /** Everything the terminal has shown, history included, with wrapped lines joined. */
  String screen() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION);
  }

  /**
   * Polls the screen until {@code pattern} is found on it.
   *
   * @return the match
   * @throws AssertionError after {@code timeout}, showing what the screen said
   */
  Matcher waitFor(Pattern pattern, Duration timeout, String what) throws IOException, InterruptedException {
    String screen = waitUntil(s -> pattern.matcher(s).find(), timeout, what + " (/" + pattern + "/)");
    Matcher matcher = pattern.matcher(screen);
    matcher.find();
    return matcher;
  }

  /**
   * Polls the screen until {@code condition} holds for it.
   *
   * @return the screen it held for
   * @throws AssertionError after {@code timeout}, showing what the screen said
   */
  String waitUntil(Predicate<String> condition, Duration timeout, String what) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      String screen = screen();
      if (condition.test(screen)) {
        return screen;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + ", but the terminal shows:\n"
            + tail(screen, 80));
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  /** Types {@code text} without Enter: a line half typed. */
  void typeWithoutEnter(String text) throws IOException, InterruptedException {
    tmux("send-keys", "-t", SESSION, "-l", text);
  }

  /** Types {@code line} and Enter, as a user would. */
  void type(String line) throws IOException, InterruptedException {
    tmux("send-keys", "-t", SESSION, "-l", line);
    tmux("send-keys", "-t", SESSION, "Enter");
  }

  /** Presses keys by their tmux names ({@code Tab}, {@code Up}, {@code C-c}, ...). */
  void press(String... keys) throws IOException, InterruptedException {
    List<String> arguments = new ArrayList<>(List.of("send-keys", "-t", SESSION));
    arguments.addAll(List.of(keys));
    tmux(arguments.toArray(String[]::new));
  }

  /** Saves the whole screen history to {@code file}, so that a failed run can be read afterwards. */
  void saveScreen(Path file) throws IOException, InterruptedException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, screen(), StandardCharsets.UTF_8);
  }

  /** Saves the screen to the e2e log directory as {@code <test method>.log}, then stops the server. */
  void closeKeepingScreen(TestInfo test) throws IOException, InterruptedException {
    saveScreen(Path.of(System.getProperty("e2e.logDirectory", "target/e2e-logs"))
        .resolve(test.getTestMethod().map(m -> m.getName()).orElse("e2e") + ".log"));
    close();
  }

  /** Stops the tmux server, and with it the command if it still runs. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      tmux("kill-server");
    } catch (AssertionError e) {
      // The server is gone already (its only session ended, or it never started): nothing to stop.
    }
  }

  static String tail(String text, int lines) {
    List<String> all = text.strip().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private String tmux(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(arguments));
    // Output goes to a file, not a pipe, so that a hung tmux cannot block this thread beyond the timeout.
    Path output = Files.createTempFile("tmux-", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(output.toFile());
      builder.environment().remove("TMUX"); // A build run inside tmux must not look like nesting to our server.
      Process process = builder.start();
      if (!process.waitFor(TMUX_COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("tmux did not answer within " + TMUX_COMMAND_TIMEOUT.toSeconds() + " s: " + command);
      }
      String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError("tmux failed (exit " + process.exitValue() + "): " + command + "\n" + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
