package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.api.CompilerChoice;
import io.github.reloadloop.junit.internal.console.choice.ConsoleChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The loop's settings, read once from JUnit configuration parameters (so {@code -D} on {@code mvn test},
 * {@code junit-platform.properties} and launcher parameters all work).
 *
 * @param enabled {@value #LOOP}
 * @param discover whether the default source roots are found from the class path ({@value #DIRS} not given)
 * @param sourceRoots {@value #DIRS} (none when not given), then {@value #ADD_DIRS}, resolved against the module
 *     directory, existing ones only
 * @param missingRoots roots named in {@value #DIRS} or {@value #ADD_DIRS} that do not exist
 * @param compiler {@value #COMPILER}
 * @param consoleFactory {@value #CONSOLE}: {@code auto}, {@code tty}, {@code attach}, {@code stdin}, {@code off}
 *     or the class name of a {@code ConsoleFactory}
 * @param rerun whether this is the loop's own nested rerun ({@value #RERUN})
 * @param processorPath {@value #PROCESSOR_PATH}, resolved against the module directory
 * @param evalTimeout {@value #EVAL_TIMEOUT}: the time limit of one {@code eval} at the console
 * @param auto {@value #AUTO}: whether a reload that applies reruns the failed test at once
 * @param attachTimeout {@value #ATTACH_TIMEOUT}: how long a failure waits for a terminal to attach
 * @param timing {@value #TIMING}: whether each rerun after a reload is followed by a line saying where the time went
 * @param warmUpAtStart {@value #WARM_UP}: whether the compiler warms up from the start of the run ({@code start})
 *     rather than from the first failure ({@code failure})
 */
public record LoopConfiguration(boolean enabled, boolean discover, List<Path> sourceRoots, List<Path> missingRoots,
    CompilerChoice compiler, String consoleFactory, boolean rerun, List<Path> processorPath, Duration evalTimeout,
    boolean auto, Duration attachTimeout, boolean timing, boolean warmUpAtStart) {

  /** Turns the loop on: {@code true} or {@code false} (default). */
  public static final String LOOP = "reload.loop";
  /**
   * Comma-separated source roots, relative to the module directory; default: the module's src/main/java and
   * src/test/java and the sources of every other module of the project on the test class path.
   */
  public static final String DIRS = "reload.dir";
  /** Comma-separated source roots watched in addition to {@value #DIRS} or its default. */
  public static final String ADD_DIRS = "reload.dir.add";
  /** {@code auto} (default), {@code javac} or {@code ecj}. */
  public static final String COMPILER = CompilerChoice.KEY;
  /**
   * Where the console opens: {@code auto} (default: the terminal, else an IDE's console, else the attach
   * console if the run is interactive by every sign, else none), {@code tty}, {@code attach}, {@code stdin},
   * {@code off}, or a {@code ConsoleFactory} class name (tests).
   */
  public static final String CONSOLE = ConsoleChoice.KEY;
  /** Set by the loop on its nested rerun so that the rerun never opens a console of its own. */
  public static final String RERUN = "reload.loop.rerun";
  /**
   * Jars or directories of annotation processors that the build only has in the compiler plugin's
   * {@code annotationProcessorPaths}, separated by the path separator or commas; default none (processors on
   * the test classpath are found anyway).
   */
  public static final String PROCESSOR_PATH = "reload.processorpath";
  /**
   * Auto-rerun: {@code true} (default) reruns the failed test after each reload that applies, with no
   * keypress; {@code false} waits for {@code continue}. The console's {@code auto on|off} switches it.
   */
  public static final String AUTO = "reload.auto";

  static final boolean DEFAULT_AUTO = true;

  /**
   * {@code true} prints, after each rerun that follows a reload, where the time from the save went
   * ({@code timing: reload 95 ms (detect 2, compile 30, redefine 40, other 23), wake 8 ms, rerun 25 ms});
   * default {@code false}.
   */
  public static final String TIMING = "reload.timing";

  /**
   * When the reloader's compiler warms up: {@code start} (default) two seconds into the run, held (no agent,
   * nothing reloaded, nothing printed) until the first failure, so that the first save after a failure costs what later
   * ones cost; {@code failure} at the first failure, so that a passing run shares no CPU with it.
   */
  public static final String WARM_UP = "reload.warmup";

  /** The time limit of one {@code eval} at the console: {@code 10 s} (default), {@code 500 ms}, {@code 2 m}. */
  public static final String EVAL_TIMEOUT = "reload.eval.timeout";

  static final Duration DEFAULT_EVAL_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long a failure waits for a terminal to attach to the attach console before it fails normally (and
   * later failures with it): {@code 5 m} (default), {@code 90 s}, {@code 1 h}.
   */
  public static final String ATTACH_TIMEOUT = "reload.attach.timeout";

  static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  /** Reads the settings through {@code lookup} (a configuration parameter getter). */
  public static LoopConfiguration read(Function<String, Optional<String>> lookup, Path moduleDirectory) {
    boolean enabled = bool(LOOP, lookup.apply(LOOP), false);
    boolean rerun = bool(RERUN, lookup.apply(RERUN), false);
    boolean auto = bool(AUTO, lookup.apply(AUTO), DEFAULT_AUTO);
    boolean timing = bool(TIMING, lookup.apply(TIMING), false);
    boolean warmUpAtStart = switch (lookup.apply(WARM_UP).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("start")) {
      case "start", "" -> true;
      case "failure" -> false;
      default -> throw new ExtensionConfigurationException(WARM_UP + "=" + lookup.apply(WARM_UP).get()
          + " is not a choice: use start (the compiler warms up as the run starts) or failure (at the first failure)");
    };
    List<Path> roots = new ArrayList<>();
    List<Path> missing = new ArrayList<>();
    Optional<String> named = lookup.apply(DIRS).map(String::trim).filter(s -> !s.isEmpty());
    named.ifPresent(dirs -> resolve(dirs, moduleDirectory, roots, missing));
    lookup.apply(ADD_DIRS).ifPresent(dirs -> resolve(dirs, moduleDirectory, roots, missing));
    CompilerChoice compiler;
    try {
      compiler = CompilerChoice.parse(lookup.apply(COMPILER).orElse("auto"));
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(e.getMessage());
    }
    String console = lookup.apply(CONSOLE).map(String::trim).filter(s -> !s.isEmpty()).orElse(ConsoleChoice.AUTO);
    // Checked only with the loop on: a run without the loop must not fail over a setting it does not use.
    List<Path> processorPath = enabled ? processorPath(lookup.apply(PROCESSOR_PATH).orElse(""), moduleDirectory)
        : List.of();
    Duration evalTimeout = lookup.apply(EVAL_TIMEOUT).map(v -> duration(EVAL_TIMEOUT, v)).orElse(DEFAULT_EVAL_TIMEOUT);
    Duration attachTimeout = lookup.apply(ATTACH_TIMEOUT).map(v -> duration(ATTACH_TIMEOUT, v))
        .orElse(DEFAULT_ATTACH_TIMEOUT);
    return new LoopConfiguration(enabled, named.isEmpty(), List.copyOf(roots), List.copyOf(missing), compiler,
        console, rerun, processorPath, evalTimeout, auto, attachTimeout, timing, warmUpAtStart);
  }

  private static List<Path> processorPath(String value, Path moduleDirectory) {
    List<Path> entries = new ArrayList<>();
    for (String item : value.split("[,\\" + java.io.File.pathSeparator + "]")) {
      if (item.isBlank()) {
        continue;
      }
      Path entry = moduleDirectory.resolve(item.trim()).toAbsolutePath().normalize();
      if (!Files.exists(entry)) {
        throw new ExtensionConfigurationException(PROCESSOR_PATH + "=" + value + " names " + entry
            + ", which does not exist: give the annotation processors' jar files or class directories, separated by '"
            + java.io.File.pathSeparator + "' or ','");
      }
      entries.add(entry);
    }
    return List.copyOf(entries);
  }

  /** A positive duration: a number with an optional unit, ms, s (default), m or h. */
  static Duration duration(String key, String value) {
    Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      Duration duration = switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
      if (!duration.isZero()) {
        return duration;
      }
    }
    throw new ExtensionConfigurationException(key + "=" + value
        + " is not a duration: use a positive number with an optional unit ms, s (the default), m or h, such as 10 s");
  }

  private static void resolve(String dirs, Path moduleDirectory, List<Path> roots, List<Path> missing) {
    for (String item : dirs.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      Path root = moduleDirectory.resolve(item.trim()).toAbsolutePath().normalize();
      if (Files.isDirectory(root)) {
        roots.add(root);
      } else {
        missing.add(root);
      }
    }
  }

  /** The module under test: Surefire's {@code basedir}, else the working directory. */
  public static Path moduleDirectory() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  private static boolean bool(String key, Optional<String> value, boolean absent) {
    if (value.isEmpty()) {
      return absent;
    }
    return switch (value.get().trim().toLowerCase(Locale.ROOT)) {
      case "true", "" -> true;
      case "false" -> false;
      default -> throw new ExtensionConfigurationException(
          key + "=" + value.get() + " is not a boolean: use true or false");
    };
  }
}
