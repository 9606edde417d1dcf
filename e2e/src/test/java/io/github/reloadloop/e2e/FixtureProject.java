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
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * A copy of one of the fixture projects under {@code e2e/src/test/fixtures}: small Maven projects shaped like
 * users' builds, whose POM names reload-loop's version as {@code @RELOAD_LOOP_VERSION@}. Edits are saved the
 * way editors do (a temporary file renamed over the original).
 */
final class FixtureProject {

  private final Path directory;

  private FixtureProject(Path directory) {
    this.directory = directory;
  }

  /** Copies fixture {@code name} into {@code target}, with the version of reload-loop this build installed. */
  static FixtureProject copy(String name, Path target) throws IOException {
    Path source = Path.of(required("e2e.fixtures")).resolve(name);
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.collect(Collectors.toList())) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Path pom = target.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom, StandardCharsets.UTF_8)
        .replace("@RELOAD_LOOP_VERSION@", required("e2e.reloadLoopVersion")), StandardCharsets.UTF_8);
    return new FixtureProject(target);
  }

  Path directory() {
    return directory;
  }

  /** Replaces {@code from} by {@code to} in a source file and saves it like an editor. */
  void edit(String file, String from, String to) throws IOException {
    Path path = directory.resolve(file);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    if (!text.contains(from)) {
      throw new IllegalStateException(file + " does not contain: " + from);
    }
    Path temporary = Files.createTempFile(path.getParent(), "." + path.getFileName(), ".tmp~");
    Files.writeString(temporary, text.replace(from, to), StandardCharsets.UTF_8);
    Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * {@code mvn -B test -Dreload.loop=true -Dreload.auto=false} (the tests type {@code continue}) and {@code extra}
   * arguments, with this build's Maven and local repository. Online: a fixture may need dependencies that this
   * build did not download.
   */
  List<String> mavenCommand(String... extra) {
    List<String> command = new ArrayList<>();
    String home = System.getProperty("e2e.mavenHome", "");
    Path mvn = Path.of(home, "bin", "mvn");
    command.add(!home.isEmpty() && Files.isExecutable(mvn) ? mvn.toString() : "mvn");
    command.addAll(List.of("-B", "test", "-Dreload.loop=true", "-Dreload.auto=false"));
    String repository = System.getProperty("e2e.localRepository", "");
    if (!repository.isEmpty()) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    command.addAll(List.of(extra));
    return command;
  }

  /** A shell line that runs {@code command} with this JDK, then prints its exit code. */
  static String shellLine(List<String> command) {
    return "export JAVA_HOME=" + quote(System.getProperty("java.home")) + "; "
        + command.stream().map(FixtureProject::quote).collect(Collectors.joining(" "))
        + "; echo \"e2e: mvn exited with $?\"";
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** The Surefire report of one test class. */
  Report report(String testClass) throws Exception {
    Path xml = directory.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
    if (!Files.isRegularFile(xml)) {
      throw new AssertionError("no Surefire report " + xml);
    }
    Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
    return new Report(Integer.parseInt(suite.getAttribute("tests")), Integer.parseInt(suite.getAttribute("failures")),
        Integer.parseInt(suite.getAttribute("errors")), Integer.parseInt(suite.getAttribute("skipped")),
        Files.readString(xml, StandardCharsets.UTF_8));
  }

  /** The counts of a Surefire XML report, and its text. */
  record Report(int tests, int failures, int errors, int skipped, String xml) {}

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + key + " is not set; run these tests through Maven");
    }
    return value;
  }
}
