package io.github.reloadloop.e2e;

import static io.github.reloadloop.e2e.Shell.EXIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A library built the way most are: Maven with {@code maven.compiler.release} 8 on a newer JDK, and a
 * {@code META-INF/versions/11} layer on the tests' classpath (fixture {@code release8-library}). A body-only fix
 * of a class with accessors for private members, lambdas and a switch on an enum is redefined in place in
 * the loop, in a real terminal, and the build's output is byte for byte what Maven wrote.
 */
class Release8LibraryEndToEndTests {

  private static final String FIXTURE = "release8-library";
  private static final String BUGGY_FILE = "src/main/java/fixture/text/Document.java";
  private static final String TEST_NAME = "DocumentTests > italicSpan_render_inItalics()";
  private static final Pattern PROMPT = Pattern.compile("(?m)^reload>");
  private static final Pattern RELOADED = Pattern.compile("(?m)^reloaded \\d+ class.*Document\\$Span");
  private static final Duration UNTIL_PROMPT = Duration.ofSeconds(180);
  private static final Duration UNTIL_RELOADED = Duration.ofSeconds(60);
  private static final Duration UNTIL_END = Duration.ofSeconds(120);

  @TempDir
  Path temporary;

  private TmuxSession terminal;
  private String logName = FIXTURE;

  /** The JDK running these tests, and Temurin 25 where it is installed. */
  static List<String> javaHomes() {
    List<String> homes = new ArrayList<>(List.of(DemoProject.javaHome()));
    Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    if (Files.isExecutable(temurin25.resolve("bin/java")) && !homes.get(0).startsWith(temurin25.toString())) {
      homes.add(temurin25.toString());
    }
    return homes;
  }

  @AfterEach
  void stopTheTerminal() throws IOException, InterruptedException {
    if (terminal != null) {
      terminal.saveScreen(DemoEndToEndBase.logDirectory().resolve(logName + ".log"));
      terminal.close();
    }
  }

  @ParameterizedTest
  @MethodSource("javaHomes")
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void terminal_bodyOnlyFixSavedContinue_redefinedInPlaceGreenAndBuildOutputUnchanged(String javaHome)
      throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of(javaHome)), javaHome);
    logName = FIXTURE + "-java" + Path.of(javaHome).getFileName();
    Path project = temporary.resolve(FIXTURE);
    FixtureProject.copy(FIXTURE, project);
    terminal = TmuxSession.start(project, "export JAVA_HOME=" + Shell.quote(javaHome) + "; "
        + Shell.thenReportExit(Shell.line(DemoProject.maven("-B", "-o", "test", "-Dreload.loop=true",
            "-Dreload.auto=false")), ""));

    terminal.waitFor(PROMPT, UNTIL_PROMPT, "the reload> prompt");
    assertThat(terminal.screen()).contains("FAILED: " + TEST_NAME);
    Map<String, String> classes = checksums(project.resolve("target/classes"));
    Map<String, String> testClasses = checksums(project.resolve("target/test-classes"));
    assertThat(classes).containsKeys("fixture/text/Document.class", "META-INF/versions/11/fixture/text/Platform.class");
    saveLikeAnEditor(project.resolve(BUGGY_FILE), "case ITALIC:\n          return \"<b>\" + text + \"</b>\";",
        "case ITALIC:\n          return \"<i>\" + text + \"</i>\";");
    terminal.waitFor(RELOADED, UNTIL_RELOADED, "the reload of the fixed Document$Span");
    terminal.type("status");
    terminal.type("continue");

    int exit = Shell.exitCode(terminal.waitFor(EXIT, UNTIL_END, "the end of the build"));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("src/main/java (module release8-library, release 8)", "PASSED " + TEST_NAME + " after 1 rerun",
            "BUILD SUCCESS")
        .doesNotContain("changed shape", "fresh class loader");
    assertThat(exit).as("mvn exit code").isZero();
    SurefireReport report = SurefireReport.read(project, "fixture.text.DocumentTests");
    assertThat(report.failures()).as(report.xml()).isZero();
    assertThat(report.errors()).as(report.xml()).isZero();
    // The test that passed before the fix was revalidated after it; its pass is not reported again: Surefire
    // counts each test once, as a plain run of the fixed code does (issue 30).
    assertThat(screen).contains("DocumentTests: 1 test revalidated, all passed")
        .contains("revalidated 1 test in 1 class: all passed");
    SurefireConsole surefire = SurefireConsole.of(screen, List.of("fixture.text.DocumentTests"));
    assertThat(surefire.classLines()).as(TmuxSession.tail(screen, 80))
        .isEqualTo(Map.of("fixture.text.DocumentTests", SurefireConsole.passed(2)));
    assertThat(surefire.summary()).as(TmuxSession.tail(screen, 80)).isEqualTo(SurefireConsole.passed(2));
    assertThat(List.of(report.tests(), report.skipped())).as(report.xml()).isEqualTo(List.of(2, 0));
    assertThat(Pattern.compile("<testcase ").matcher(report.xml()).results().count())
        .as(report.xml()).isEqualTo(2L);
    assertThat(checksums(project.resolve("target/classes"))).isEqualTo(classes);
    assertThat(checksums(project.resolve("target/test-classes"))).isEqualTo(testClasses);
    assertThat(project.resolve("target/reload-loop")).doesNotExist();
  }

  /** Writes a temporary file next to the target, then renames it over the target. */
  private static void saveLikeAnEditor(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Path temporary = Files.createTempFile(file.getParent(), ".Document", ".java~");
    Files.writeString(temporary, text.replace(from, to), StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Map<String, String> checksums(Path directory) throws IOException, NoSuchAlgorithmException {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> tree = Files.walk(directory)) {
      for (Path file : tree.filter(Files::isRegularFile).toList()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        sums.put(directory.relativize(file).toString(), HexFormat.of().formatHex(digest));
      }
    }
    return sums;
  }
}
