package io.github.reloadloop.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    DemoProject.copyTree(Path.of(required("e2e.fixtures")).resolve(name), target);
    Path pom = target.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom, StandardCharsets.UTF_8)
        .replace("@RELOAD_LOOP_VERSION@", required("e2e.reloadLoopVersion")), StandardCharsets.UTF_8);
    return new FixtureProject(target);
  }

  Path directory() {
    return directory;
  }

  /** A module of a multi-module fixture, for its reports. */
  FixtureProject module(String name) {
    return new FixtureProject(directory.resolve(name));
  }

  /** Replaces {@code from} by {@code to} in a source file and saves it like an editor. */
  void edit(String file, String from, String to) throws IOException {
    Path path = directory.resolve(file);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    if (!text.contains(from)) {
      throw new IllegalStateException(file + " does not contain: " + from);
    }
    DemoProject.saveLikeAnEditor(path, text.replace(from, to));
  }

  /**
   * {@code mvn -B test -Dreload.loop=true -Dreload.auto=false} (the tests type {@code continue}) and {@code extra}
   * arguments, with this build's Maven and local repository. Online: a fixture may need dependencies that this
   * build did not download.
   */
  List<String> mavenCommand(String... extra) {
    return mavenCommandFor("test", extra);
  }

  /** The same with another lifecycle phase than {@code test} ({@code verify}: siblings' jars are built first). */
  List<String> mavenCommandFor(String phase, String... extra) {
    List<String> arguments = new ArrayList<>(List.of("-B", phase, "-Dreload.loop=true", "-Dreload.auto=false"));
    arguments.addAll(List.of(extra));
    return DemoProject.maven(arguments.toArray(String[]::new));
  }

  /** {@code mvn -B} and {@code arguments}, with this build's Maven and local repository; online. */
  List<String> maven(String... arguments) {
    List<String> all = new ArrayList<>(List.of("-B"));
    all.addAll(List.of(arguments));
    return DemoProject.maven(all.toArray(String[]::new));
  }

  /** SHA-256 of every file below {@code relativeDirectory}, by relative path: what the build wrote there. */
  Map<String, String> checksums(String relativeDirectory) throws IOException {
    Path root = directory.resolve(relativeDirectory);
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        sums.put(root.relativize(file).toString(), HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file))));
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    return sums;
  }

  /** A shell line that runs {@code command} with this JDK, then prints its exit code. */
  static String shellLine(List<String> command) {
    return Shell.withJavaHome(Shell.thenReportExit(Shell.line(command), ""));
  }

  /** The Surefire report of one test class. */
  SurefireReport report(String testClass) throws Exception {
    return SurefireReport.read(directory, testClass);
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + key + " is not set; run these tests through Maven");
    }
    return value;
  }
}
