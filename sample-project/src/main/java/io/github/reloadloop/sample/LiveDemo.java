package io.github.reloadloop.sample;

import io.github.reloadloop.core.AutoReloader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A long-running program patched as its sources change: it prints {@code double(4) = 8} every two seconds;
 * edit {@link Doubler} (say, {@code x -> x * 3}), save, and the next line says {@code double(4) = 12}.
 *
 * <pre>
 * mvn -q -pl sample-project exec:exec                      # until Ctrl-C
 * mvn -q -pl sample-project exec:exec -Ddemo.seconds=30    # stops by itself after 30 s
 * </pre>
 *
 * <h2>Configuration</h2>
 * System property {@value #SECONDS}: how long to run, in seconds; {@code 0} (default) runs until Ctrl-C.
 * The sources are found relative to the working directory, which may be the repository root or this module.
 */
public final class LiveDemo {

  static final String SECONDS = "demo.seconds";
  static final Duration TICK = Duration.ofSeconds(2);
  private static final String MARKER = "io/github/reloadloop/sample/Doubler.java";
  private static final List<Path> CANDIDATES = List.of(Path.of("src/main/java"), Path.of("sample-project/src/main/java"));

  private LiveDemo() {
  }

  public static void main(String[] args) throws InterruptedException {
    Path workingDirectory = Path.of("").toAbsolutePath();
    Path sources = sourceRoot(workingDirectory);
    Duration runFor = runningTime(System.getProperty(SECONDS, "0"));
    System.out.println("LiveDemo: edit " + workingDirectory.relativize(sources.resolve(MARKER)) + " and save; "
        + (runFor.isZero() ? "Ctrl-C stops." : "stops after " + runFor.toSeconds() + " s."));
    Instant end = runFor.isZero() ? Instant.MAX : Instant.now().plus(runFor);
    try (AutoReloader reloader = AutoReloader.watch(sources)) {
      do {
        System.out.println("double(4) = " + Doubler.twice(4));
        Thread.sleep(TICK.toMillis());
      } while (Instant.now().plus(TICK).isBefore(end));
    }
  }

  /** The source directory holding this demo, looked up from {@code workingDirectory}. */
  static Path sourceRoot(Path workingDirectory) {
    return CANDIDATES.stream()
        .map(workingDirectory::resolve)
        .filter(candidate -> Files.isRegularFile(candidate.resolve(MARKER)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("cannot find " + MARKER + " below " + workingDirectory
            + " in " + CANDIDATES + "; run the demo from the repository root or from sample-project"));
  }

  /** Parses {@value #SECONDS}: a whole number of seconds, 0 meaning no limit. */
  static Duration runningTime(String seconds) {
    try {
      long value = Long.parseLong(seconds.trim());
      if (value >= 0) {
        return Duration.ofSeconds(value);
      }
    } catch (NumberFormatException e) {
      // Falls through to the message below, which names the setting and the accepted values.
    }
    throw new IllegalArgumentException(SECONDS + "=" + seconds + " is not a number of seconds: use 0 (run until"
        + " Ctrl-C) or a positive whole number");
  }
}
