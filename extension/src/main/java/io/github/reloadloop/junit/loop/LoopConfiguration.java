package io.github.reloadloop.junit.loop;

import io.github.reloadloop.core.CompilerChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The loop's settings, read once from JUnit configuration parameters (so {@code -D} on {@code mvn test},
 * {@code junit-platform.properties} and launcher parameters all work).
 *
 * @param enabled {@value #LOOP}
 * @param sourceRoots {@value #DIRS}, resolved against the module directory, existing ones only
 * @param missingRoots roots named in {@value #DIRS} that do not exist
 * @param compiler {@value #COMPILER}
 * @param consoleFactory {@value #CONSOLE}: {@code tty} or the class name of a {@code ConsoleFactory}
 * @param rerun whether this is the loop's own nested rerun ({@value #RERUN})
 * @param auto {@value #AUTO}: whether a reload that applies reruns the failed test at once
 */
public record LoopConfiguration(boolean enabled, List<Path> sourceRoots, List<Path> missingRoots,
    CompilerChoice compiler, String consoleFactory, boolean rerun, boolean auto) {

  /** Turns the loop on: {@code true} or {@code false} (default). */
  public static final String LOOP = "reload.loop";
  /** Comma-separated source roots, relative to the module directory; default src/main/java,src/test/java. */
  public static final String DIRS = "reload.dir";
  /** {@code auto} (default), {@code javac} or {@code ecj}. */
  public static final String COMPILER = CompilerChoice.KEY;
  /** Where the console lives: {@code tty} (default) or a {@code ConsoleFactory} class name (tests). */
  public static final String CONSOLE = "reload.console";
  /** Set by the loop on its nested rerun so that the rerun never opens a console of its own. */
  public static final String RERUN = "reload.loop.rerun";
  /**
   * Auto-rerun: {@code true} (default) reruns the failed test after each reload that applies, with no
   * keypress; {@code false} waits for {@code continue}. The console's {@code auto on|off} switches it.
   */
  public static final String AUTO = "reload.auto";

  static final boolean DEFAULT_AUTO = true;

  static final String DEFAULT_DIRS = "src/main/java,src/test/java";

  /** The settings with auto-rerun at its default. */
  public LoopConfiguration(boolean enabled, List<Path> sourceRoots, List<Path> missingRoots, CompilerChoice compiler,
      String consoleFactory, boolean rerun) {
    this(enabled, sourceRoots, missingRoots, compiler, consoleFactory, rerun, DEFAULT_AUTO);
  }

  /** Reads the settings through {@code lookup} (a configuration parameter getter). */
  public static LoopConfiguration read(Function<String, Optional<String>> lookup, Path moduleDirectory) {
    boolean enabled = bool(LOOP, lookup.apply(LOOP), false);
    boolean rerun = bool(RERUN, lookup.apply(RERUN), false);
    boolean auto = bool(AUTO, lookup.apply(AUTO), DEFAULT_AUTO);
    List<Path> roots = new ArrayList<>();
    List<Path> missing = new ArrayList<>();
    Optional<String> named = lookup.apply(DIRS);
    boolean explicit = named.isPresent();
    String dirs = named.map(String::trim).filter(s -> !s.isEmpty()).orElse(DEFAULT_DIRS);
    for (String item : dirs.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      Path root = moduleDirectory.resolve(item.trim()).toAbsolutePath().normalize();
      if (Files.isDirectory(root)) {
        roots.add(root);
      } else if (explicit) {
        missing.add(root);
      }
    }
    CompilerChoice compiler;
    try {
      compiler = CompilerChoice.parse(lookup.apply(COMPILER).orElse("auto"));
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(e.getMessage());
    }
    String console = lookup.apply(CONSOLE).map(String::trim).orElse("tty");
    return new LoopConfiguration(enabled, List.copyOf(roots), List.copyOf(missing), compiler, console, rerun, auto);
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
