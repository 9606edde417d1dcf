package io.github.reloadloop.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process started without a terminal ({@code setsid}, standard input {@code /dev/null} or a pipe), its output
 * in a log file that a test reads as it grows: a build, a Gradle test worker, an IDE run as the loop meets
 * them. Also installs the {@code reload-loop} script the README tells users to put on their PATH.
 */
final class Background implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Process process;
  private final Path log;

  private Background(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} in a session of its own (no controlling terminal).
   *
   * @param devNullInput standard input from {@code /dev/null}; else a pipe that {@link #type} writes to
   */
  static Background start(List<String> command, Path directory, Path log, Map<String, String> environment,
      boolean devNullInput) throws IOException {
    List<String> detached = new ArrayList<>(List.of("setsid", "--wait"));
    detached.addAll(command);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(detached).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    if (devNullInput) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    builder.environment().put("JAVA_HOME", DemoProject.javaHome());
    builder.environment().remove("CI"); // Each test says whether its run is on CI.
    builder.environment().putAll(environment);
    return new Background(builder.start(), log);
  }

  /** Types a line on the process's standard input (a pipe). */
  void type(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Waits until the output holds {@code text}. */
  void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!output().contains(text)) {
      if (Instant.now().isAfter(deadline) || !process.isAlive() && !output().contains(text)) {
        throw new AssertionError("waited for '" + text + "', but the process " + (process.isAlive() ? "printed"
            : "ended with " + process.exitValue() + " after printing") + ":\n" + TmuxSession.tail(output(), 60));
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Waits for the end and returns the exit code. */
  int awaitExit(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      close();
      throw new AssertionError("did not end within " + timeout.toSeconds() + " s; it printed:\n"
          + TmuxSession.tail(output(), 60));
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * Installs the {@code reload-loop} script as a user does: {@code java -jar <reload-loop jar> script} into a
   * {@code bin} directory below {@code directory}.
   *
   * @return the {@code bin} directory
   */
  static Path installScript(Path directory) throws IOException, InterruptedException {
    Path bin = Files.createDirectories(directory.resolve("bin"));
    Path script = bin.resolve("reload-loop");
    Process print = new ProcessBuilder(Path.of(DemoProject.javaHome(), "bin", "java").toString(), "-jar",
        reloadLoopJar().toString(), "script").redirectOutput(script.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    if (!print.waitFor(60, TimeUnit.SECONDS) || print.exitValue() != 0) {
      throw new AssertionError("java -jar reload-loop.jar script failed");
    }
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  /** The shell line that puts {@code bin} on the PATH and lets the script find the build's repository. */
  static String scriptEnvironment(Path bin) {
    return "export PATH=" + Shell.quote(bin.toString()) + ":\"$PATH\"; export RELOAD_LOOP_REPOSITORY="
        + Shell.quote(localRepository().toString()) + "; ";
  }

  /** The attach consoles' socket directories left in the project's build directory. */
  static List<Path> socketDirectories(Path project) throws IOException {
    Path parent = project.resolve("target/reload-loop");
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> entries = Files.list(parent)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("attach-")).toList();
    }
  }

  /** The reload-loop jar this build installed. */
  static Path reloadLoopJar() {
    String version = System.getProperty("e2e.reloadLoopVersion", "0.1.0-SNAPSHOT");
    return localRepository().resolve("io/github/reloadloop/reload-loop/" + version + "/reload-loop-" + version + ".jar");
  }

  static Path localRepository() {
    String repository = System.getProperty("e2e.localRepository", "");
    return repository.isEmpty() ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(repository);
  }
}
