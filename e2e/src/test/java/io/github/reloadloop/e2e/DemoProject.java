package io.github.reloadloop.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A copy of sample-project in a directory of its own, built against what the reactor installed in the local
 * repository, with the demo's deliberate bug in {@value #BUGGY_FILE}.
 */
final class DemoProject {

  static final String DEMO_TEST = "io.github.reloadloop.sample.GoldDiscountDemoTests";
  static final String BUGGY_FILE = "src/main/java/io/github/reloadloop/sample/PriceCalculator.java";
  static final String BUG = "case GOLD -> 1;";
  static final String FIX = "case GOLD -> 10;";

  private final Path directory;

  private DemoProject(Path directory) {
    this.directory = directory;
  }

  /** Copies sample-project's pom and sources (not its build output) into {@code target}. */
  static DemoProject copyInto(Path target) throws IOException {
    Path source = Path.of(required("e2e.sampleProject")).toAbsolutePath().normalize();
    copyTree(source.resolve("src"), target.resolve("src"));
    String pom = Files.readString(source.resolve("pom.xml"), StandardCharsets.UTF_8);
    if (!pom.contains("</parent>")) {
      throw new IllegalStateException(source.resolve("pom.xml") + " has no <parent>");
    }
    // The copy is not next to the parent pom: resolve the parent from the local repository instead.
    Files.writeString(target.resolve("pom.xml"), pom.replaceFirst("</parent>", "  <relativePath/>\n  </parent>"),
        StandardCharsets.UTF_8);
    DemoProject project = new DemoProject(target);
    project.putTheBugBack();
    return project;
  }

  /** A copy made before, with what its builds left in it. */
  static DemoProject existing(Path directory) {
    return new DemoProject(directory);
  }

  /** Makes sure the copy has the bug, also when someone fixed it in sample-project itself by running ./demo. */
  private void putTheBugBack() throws IOException {
    String code = Files.readString(buggyFile(), StandardCharsets.UTF_8);
    if (code.contains(BUG)) {
      return;
    }
    if (!code.contains(FIX)) {
      throw new IllegalStateException(BUGGY_FILE + " contains neither the demo's bug '" + BUG + "' nor its fix '"
          + FIX + "'; restore it with git checkout -- sample-project/" + BUGGY_FILE);
    }
    Files.writeString(buggyFile(), code.replace(FIX, BUG), StandardCharsets.UTF_8);
  }

  Path directory() {
    return directory;
  }

  Path buggyFile() {
    return directory.resolve(BUGGY_FILE);
  }

  /**
   * {@code mvn test -Pdemo -Dreload.loop=true -Dreload.auto=false} (these tests type {@code continue}), offline,
   * with the same Maven and local repository as this build.
   */
  List<String> mavenCommand() {
    return maven("-B", "-o", "test", "-Pdemo", "-Dreload.loop=true", "-Dreload.auto=false");
  }

  /** {@code mvn} with {@code arguments}, with the same Maven and local repository as this build. */
  static List<String> maven(String... arguments) {
    List<String> command = new ArrayList<>();
    String home = System.getProperty("e2e.mavenHome", "");
    Path mvn = Path.of(home, "bin", "mvn");
    command.add(!home.isEmpty() && Files.isExecutable(mvn) ? mvn.toString() : "mvn");
    command.addAll(List.of(arguments));
    String repository = System.getProperty("e2e.localRepository", "");
    if (!repository.isEmpty()) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    return command;
  }

  /** The JDK running these tests, for the Maven that runs the demo. */
  static String javaHome() {
    return System.getProperty("java.home");
  }

  /** Fixes the bug the way many editors save: write a temporary file next to it, then rename it over it. */
  void fixBugLikeAnEditor() throws IOException {
    Path file = buggyFile();
    saveLikeAnEditor(file, Files.readString(file, StandardCharsets.UTF_8).replace(BUG, FIX));
  }

  /** Saves {@code text} to {@code file} as many editors do: a temporary file next to it, renamed over it. */
  static void saveLikeAnEditor(Path file, String text) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), "~");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Fixes the bug by calling a new private helper method that uses a lambda: a change of the class's shape
   * that stays within its private members, which reload-loop makes in place.
   */
  void fixBugWithNewHelperMethodLikeAnEditor() throws IOException {
    Path file = buggyFile();
    String text = Files.readString(file, StandardCharsets.UTF_8).replace(BUG, "case GOLD -> goldPercent();");
    int end = text.lastIndexOf('}');
    saveLikeAnEditor(file, text.substring(0, end) + "\n  private static int goldPercent() {\n"
        + "    java.util.function.IntSupplier ten = () -> 10;\n    return ten.getAsInt();\n  }\n}\n");
  }

  /** Copies the demo test's Surefire report, if there is one, to {@code file}, to be read after a failure. */
  void keepReport(Path file) throws IOException {
    if (Files.isRegularFile(reportFile())) {
      Files.createDirectories(file.getParent());
      Files.copy(reportFile(), file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The Surefire report of the demo test class. */
  SurefireReport demoReport() throws Exception {
    return report(DEMO_TEST);
  }

  /** The Surefire report of a test class. */
  SurefireReport report(String testClass) throws Exception {
    return SurefireReport.read(directory, testClass);
  }

  private Path reportFile() {
    return SurefireReport.file(directory, DEMO_TEST);
  }

  /** Surefire's {@code .dump} and {@code .dumpstream} files, written when the forked JVM did not end cleanly. */
  List<Path> surefireDumps() throws IOException {
    return SurefireReport.dumps(directory);
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + key + " is not set; run these tests through Maven");
    }
    return value;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.collect(Collectors.toList())) {
        Path copy = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
