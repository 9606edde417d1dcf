package io.github.reloadloop.core.internal.compile;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two compilers reload-core can patch with, and how to tell which one built a class file: they name
 * lambdas and switch tables differently, and the JVM refuses a patch that renames such members.
 *
 * @since 0.1.0
 */
public enum CompilerKind {
  /** The JDK's compiler, used by Maven, Gradle and IntelliJ IDEA. */
  JAVAC,
  /** The Eclipse compiler, used by the Eclipse IDE and VS Code's Java extension. */
  ECJ;

  private static final Pattern JAVAC_LAMBDA = Pattern.compile("lambda\\$[^$\\s]+\\$\\d+");
  private static final Pattern ECJ_LAMBDA = Pattern.compile("lambda\\$\\d+[^$\\w]");

  /**
   * Guesses the compiler from a class file's bytes: javac writes {@code lambda$method$0} and
   * {@code $SwitchMap$}, ecj writes {@code lambda$0} and {@code $SWITCH_TABLE$}. Empty when the class
   * shows neither.
   */
  public static Optional<CompilerKind> fingerprint(byte[] classFile) {
    // Names sit in the constant pool as modified UTF-8; ASCII names read the same in ISO-8859-1.
    String text = new String(classFile, StandardCharsets.ISO_8859_1);
    if (text.contains("$SWITCH_TABLE$") || ECJ_LAMBDA.matcher(text).find()) {
      return Optional.of(ECJ);
    }
    if (text.contains("$SwitchMap$") || JAVAC_LAMBDA.matcher(text).find()) {
      return Optional.of(JAVAC);
    }
    return Optional.empty();
  }

  /** The other compiler. */
  public CompilerKind other() {
    return this == JAVAC ? ECJ : JAVAC;
  }
}
