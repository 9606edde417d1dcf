package io.github.reloadloop.core.support;

import io.github.reloadloop.core.internal.project.Classpath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs a main class of these tests in a JVM of its own, with the tests' classpath, and collects its output. */
public final class ForkedJvm {

  private static final Duration LIMIT = Duration.ofSeconds(120);

  /** How the JVM ended and what it printed (standard output and error together). */
  public record Result(int exitCode, String output) {}

  private ForkedJvm() {}

  /** Runs {@code mainClass} with {@code jvmOptions} and {@code arguments} in {@code workingDirectory}. */
  public static Result run(Path workingDirectory, List<String> jvmOptions, Class<?> mainClass, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(Classpath.ofRunningJvm().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(mainClass.getName());
    command.addAll(List.of(arguments));
    Path log = Files.createTempFile("forked-jvm-", ".log");
    try {
      Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectOutput(log.toFile()).start();
      if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("the forked JVM did not end within " + LIMIT.toSeconds() + " s: "
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
