package io.github.reloadloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

/**
 * A project on an older JUnit Jupiter without {@code junit-bom} (the fixture {@value #FIXTURE}) keeps
 * running all its tests once reload-loop is on its test classpath, with the loop off and with it on. Real
 * {@code mvn test} without a terminal ({@code setsid}, standard input {@code /dev/null}), so the loop, when
 * on, is inactive by itself and says so. Before reload-loop stopped bringing its own JUnit Platform, such a
 * project ran 0 tests ({@code NoSuchMethodError} on 5.10 to 5.12, {@code NoClassDefFoundError} on 5.13).
 */
class JunitWithoutBomEndToEndTests {

  static final String FIXTURE = "junit-without-bom";
  private static final long MAVEN_SECONDS = 300;
  private static final int TESTS = 3;
  private static final String LOOP_OFF_LINE = "reload-loop: the loop is off, failures are reported normally";
  /**
   * The loop's line before the end of LedgerTests, which runs first and has no {@code @ExtendWith}: the
   * extension starts when it evaluates whether that class runs, just before Surefire reports it running.
   */
  private static final Pattern LINE_IN_UNANNOTATED_CLASS = Pattern.compile(
      "T E S T S\\R(?:(?!Tests run:).*\\R)*?.*" + Pattern.quote(LOOP_OFF_LINE)
          + "(?s:.*?)Tests run: \\d+, .* in shop\\.LedgerTests");

  @TempDir Path directory;

  @ParameterizedTest(name = "junit-jupiter {0}, reload.loop={1}")
  @CsvSource({"5.10.5, false", "5.10.5, true", "5.13.4, false", "5.13.4, true"})
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void projectWithoutJunitBom_allItsTestsRun(String jupiter, boolean loop) throws Exception {
    copyFixture();

    MavenResult result = mavenTest(jupiter, loop);

    assertThat(result.exitCode()).as(result.tail()).isZero();
    assertThat(result.output()).as(result.tail())
        .contains("Tests run: " + TESTS + ", Failures: 0, Errors: 0, Skipped: 0");
    int[] counts = reportCounts();
    assertThat(counts).as("tests, failures, errors, skipped in the Surefire reports").containsExactly(TESTS, 0, 0, 0);
    if (loop) {
      assertThat(result.output()).as(result.tail()).containsPattern(LINE_IN_UNANNOTATED_CLASS);
    } else {
      assertThat(result.output()).as(result.tail()).doesNotContain("reload-loop");
    }
  }

  private void copyFixture() throws IOException {
    Path source = Path.of(required("e2e.fixtures"), FIXTURE);
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path copy = directory.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** {@code mvn test} in the copy, without a terminal; online, as the old JUnit may not be downloaded yet. */
  private MavenResult mavenTest(String jupiter, boolean loop) throws Exception {
    List<String> command = new ArrayList<>(List.of("setsid", "--wait", maven(), "-B", "test",
        "-Djunit.jupiter.version=" + jupiter,
        "-Dreload.version=" + required("e2e.reloadVersion"),
        "-Dsurefire.version=" + required("e2e.surefireVersion"),
        "-Dcompiler-plugin.version=" + required("e2e.compilerPluginVersion"),
        "-Dresources-plugin.version=" + required("e2e.resourcesPluginVersion")));
    String repository = System.getProperty("e2e.localRepository", "");
    if (!repository.isEmpty()) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    if (loop) {
      command.add("-Dreload.loop=true");
    }
    Path log = Path.of(System.getProperty("e2e.logDirectory", "target/e2e-logs"),
        FIXTURE + "-" + jupiter + (loop ? "-loop" : "") + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process mvn = builder.start();
    if (!mvn.waitFor(MAVEN_SECONDS, TimeUnit.SECONDS)) {
      mvn.descendants().forEach(ProcessHandle::destroyForcibly);
      mvn.destroyForcibly();
      throw new AssertionError("mvn test did not end within " + MAVEN_SECONDS + " s; its output:\n"
          + TmuxSession.tail(Files.readString(log, StandardCharsets.UTF_8), 80));
    }
    return new MavenResult(mvn.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Tests, failures, errors and skipped, summed over the Surefire XML reports. */
  private int[] reportCounts() throws Exception {
    int[] counts = new int[4];
    Path reports = directory.resolve("target/surefire-reports");
    try (Stream<Path> files = Files.list(reports)) {
      for (Path xml : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
            .getDocumentElement();
        String[] attributes = {"tests", "failures", "errors", "skipped"};
        for (int i = 0; i < attributes.length; i++) {
          counts[i] += Integer.parseInt(suite.getAttribute(attributes[i]));
        }
      }
    }
    return counts;
  }

  private static String maven() {
    Path mvn = Path.of(System.getProperty("e2e.mavenHome", ""), "bin", "mvn");
    return Files.isExecutable(mvn) ? mvn.toString() : "mvn";
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + key + " is not set; run these tests through Maven");
    }
    return value;
  }

  record MavenResult(int exitCode, String output) {
    String tail() {
      return TmuxSession.tail(output, 80);
    }
  }
}
