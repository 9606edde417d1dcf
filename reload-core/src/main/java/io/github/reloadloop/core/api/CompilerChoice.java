package io.github.reloadloop.core.api;

import java.util.Locale;

/**
 * Which compiler builds the patches. The JVM refuses a patch whose compiler-generated members (lambda
 * bodies, switch tables) differ from the loaded class's, so the patch must come from the compiler that
 * built the running class: {@link #AUTO} finds out from the class files.
 *
 * <p>Configuration key: {@value #KEY} ({@code auto}, {@code javac}, {@code ecj}).
 *
 * @since 0.1.0
 */
public enum CompilerChoice {
  /** Match the compiler that built the loaded classes (javac for Maven and Gradle builds, ecj for Eclipse). */
  AUTO,
  /** Always the JDK's javac. */
  JAVAC,
  /** Always the Eclipse compiler. */
  ECJ;

  /** The configuration key, read as a system property by {@link io.github.reloadloop.core.AutoReloader#builder()}. */
  public static final String KEY = "reload.compiler";

  /**
   * Parses a setting value.
   *
   * @throws IllegalArgumentException naming the key, the value and what is accepted
   */
  public static CompilerChoice parse(String value) {
    String trimmed = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (trimmed) {
      case "", "auto" -> AUTO;
      case "javac" -> JAVAC;
      case "ecj", "eclipse" -> ECJ;
      default -> throw new IllegalArgumentException(
          KEY + "=" + value + " is not a compiler: use auto, javac or ecj");
    };
  }
}
