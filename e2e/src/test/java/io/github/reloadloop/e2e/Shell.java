package io.github.reloadloop.e2e;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Shell lines for the terminal: quoting, and the line that reports how Maven ended. */
final class Shell {

  /** The line {@link #thenReportExit} prints, with the exit code in group 1. */
  static final Pattern EXIT = Pattern.compile("(?m)^e2e: mvn exited with (\\d+)$");

  private Shell() {}

  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** {@code command} as one shell line, each word quoted. */
  static String line(List<String> command) {
    return command.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }

  /** {@code JAVA_HOME} for {@code command} set to the JDK running these tests. */
  static String withJavaHome(String command) {
    return "export JAVA_HOME=" + quote(DemoProject.javaHome()) + "; " + command;
  }

  /** {@code command}, then {@code between} (run whatever the exit code), then a line with the exit code. */
  static String thenReportExit(String command, String between) {
    return command + "; code=$?; " + between + (between.isEmpty() ? "" : "; ") + "echo \"e2e: mvn exited with $code\"";
  }

  static int exitCode(Matcher exit) {
    return Integer.parseInt(exit.group(1));
  }
}
