package io.github.reloadloop.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What Surefire printed on the console of a {@code mvn -B test} run: its line for each test class and its
 * summary, without the elapsed times ({@code [INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0}).
 *
 * @param classLines by test class, in the order printed (a class printed twice keeps its last line)
 * @param summary the line after {@code Results:}, or empty when there is none
 */
record SurefireConsole(Map<String, String> classLines, String summary) {

  private static final Pattern CLASS_LINE = Pattern.compile(
      "(?m)^(\\[\\w+] Tests run: \\d+, Failures: \\d+, Errors: \\d+, Skipped: \\d+), Time elapsed: .*? -- in ([\\w.$]+)");
  private static final Pattern SUMMARY = Pattern.compile(
      "(?ms)^\\[\\w+] Results:$.*?^(\\[\\w+] Tests run: \\d+, Failures: \\d+, Errors: \\d+, Skipped: \\d+)\\s*$");

  /**
   * Reads Surefire's lines from everything the terminal showed. The loop's console may write on the row of a
   * line before its end ({@code -- in shop.E_FreshNetworkTestFAILED: F_ClassTest > ...}): a line is filed
   * under the longest of {@code testClasses} that its class name starts with, else under its name as read.
   */
  static SurefireConsole of(String screen, Collection<String> testClasses) {
    Map<String, String> lines = new LinkedHashMap<>();
    Matcher line = CLASS_LINE.matcher(screen);
    while (line.find()) {
      String read = line.group(2);
      String testClass = testClasses.stream().filter(read::startsWith).max(Comparator.comparingInt(String::length))
          .orElse(read);
      lines.put(testClass, line.group(1));
    }
    Matcher summary = SUMMARY.matcher(screen);
    return new SurefireConsole(lines, summary.find() ? summary.group(1) : "");
  }

  /** What a plain run prints when {@code tests} tests ran and passed: {@code [INFO] Tests run: 2, ... Skipped: 0}. */
  static String passed(int tests) {
    return "[INFO] Tests run: " + tests + ", Failures: 0, Errors: 0, Skipped: 0";
  }

  /**
   * How many {@code @Test} methods each test class of a fixture's {@code src/test/java} declares, by class
   * name: what a plain run of the fixture runs, when its tests are all plain {@code @Test} methods.
   */
  static Map<String, Integer> testMethods(Path project) throws IOException {
    Path sources = project.resolve("src/test/java");
    Map<String, Integer> tests = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        long count = Pattern.compile("(?m)^\\s*@Test\\b").matcher(Files.readString(file, StandardCharsets.UTF_8))
            .results().count();
        if (count > 0) {
          String relative = sources.relativize(file).toString();
          tests.put(relative.substring(0, relative.length() - ".java".length()).replace('/', '.'), (int) count);
        }
      }
    }
    return tests;
  }

  /** The lines of {@code screen} that contain any of {@code words}. */
  static List<String> linesWith(String screen, String... words) {
    return screen.lines().filter(l -> Stream.of(words).anyMatch(l::contains)).toList();
  }
}
