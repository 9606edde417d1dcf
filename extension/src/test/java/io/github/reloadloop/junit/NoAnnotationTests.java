package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reloadloop.core.internal.project.Classpath;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn test -Dreload.loop=true} on a test class without {@code @ExtendWith}: each test starts a JVM of
 * its own with {@code reload.loop=true} as a system property, whose real launcher finds the loop's
 * {@code LauncherSessionListener} through {@code META-INF/services} (as under Surefire) and runs the class
 * ({@link LauncherRun}). A JVM of its own, because switching on auto-detection sets system properties.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NoAnnotationTests {

  private static final long PROCESS_SECONDS = 150;
  private static final String FAILED = "FAILED: CalculatorTest > totalAddsPrices()";
  private static final String OLD_JUPITER_LINE =
      "reload-loop: the loop applies only to test classes with @ExtendWith(ReloadLoop.class)";

  @TempDir Path directory;
  TempProject project;
  Path calculator;

  @BeforeEach
  void createProjectWithoutAnnotation() throws Exception {
    String test = ReloadLoopTests.CALCULATOR_TEST
        .replace("import io.github.reloadloop.junit.ReloadLoop;\n", "")
        .replace("import org.junit.jupiter.api.extension.ExtendWith;\n", "")
        .replace("@ExtendWith(ReloadLoop.class)\n", "");
    assertThat(test).doesNotContain("ExtendWith", "ReloadLoop");
    project = new TempProject(directory.resolve("project"))
        .mainSource("shop/Calculator.java", ReloadLoopTests.CALCULATOR)
        .testSource("shop/CalculatorTest.java", test)
        .compile();
    calculator = project.main.resolve("shop/Calculator.java");
  }

  @Test
  void loopOnAsSystemProperty_classWithoutExtendWith_failureStopsAtTheConsoleAndTheFixPasses() throws Exception {
    String output = run(List.of("-Dreload.loop=true"), List.of(), calculator.toString(), "p -> p + 1", "p -> p");

    assertThat(output)
        .contains(FAILED, "expected: <6> but was: <9>", "PASSED CalculatorTest > totalAddsPrices() after 1 rerun")
        .contains(LauncherRun.COUNTS + "1 succeeded, 0 failed");
  }

  @Test
  void anotherAutoDetectableExtension_jupiter512AndLater_onlyTheLoopIsActivated() throws Exception {
    assumeTrue(JupiterVersion.atLeast(5, 12), "include filter exists from Jupiter 5.12");

    String output = run(List.of("-Dreload.loop=true"), List.of(markingExtensionServices()));

    assertThat(output).contains(FAILED, "skipped: CalculatorTest > totalAddsPrices() fails")
        .doesNotContain(MarkingExtension.MARK)
        .contains(LauncherRun.COUNTS + "0 succeeded, 1 failed");
  }

  @Test
  void anotherAutoDetectableExtension_beforeJupiter512_autoDetectionLeftOffWithALineNamingIt() throws Exception {
    assumeFalse(JupiterVersion.atLeast(5, 12), "Jupiter before 5.12 cannot limit auto-detection");

    String output = run(List.of("-Dreload.loop=true"), List.of(markingExtensionServices()));

    assertThat(output).contains(OLD_JUPITER_LINE + ": before JUnit Jupiter 5.12",
            MarkingExtension.class.getName() + " (register ReloadLoop with @ExtendWith")
        .doesNotContain(MarkingExtension.MARK)
        .contains(LauncherRun.COUNTS + "0 succeeded, 1 failed");
    assertThat(transcript(output)).as("no console").isBlank();
  }

  /** The control for the two above: the marking extension is auto-detectable when the user asks for it. */
  @Test
  void autoDetectionSwitchedOnByTheUser_leftAsItIs_bothExtensionsActivated() throws Exception {
    String output = run(List.of("-Dreload.loop=true", "-Djunit.jupiter.extensions.autodetection.enabled=true"),
        List.of(markingExtensionServices()));

    assertThat(output).contains(MarkingExtension.MARK + "totalAddsPrices()", FAILED).doesNotContain(OLD_JUPITER_LINE);
  }

  /** A directory whose services file makes {@link MarkingExtension} auto-detectable. */
  private Path markingExtensionServices() throws Exception {
    Path root = directory.resolve("marking");
    Path services = root.resolve("META-INF/services/org.junit.jupiter.api.extension.Extension");
    Files.createDirectories(services.getParent());
    Files.writeString(services, MarkingExtension.class.getName() + "\n");
    return root;
  }

  /**
   * Runs {@link LauncherRun} on the project's test class in a JVM of its own, on the class path of this one.
   *
   * @param fix optionally a file, a text in it and its replacement, saved at the console before continue
   */
  private String run(List<String> systemProperties, List<Path> extraClasspath, String... fix) throws Exception {
    List<Path> classpath = new ArrayList<>(List.of(project.testClasses, project.classes));
    classpath.addAll(extraClasspath);
    classpath.addAll(Classpath.ofRunningJvm());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true"));
    command.addAll(systemProperties);
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
        LauncherRun.class.getName(), "shop.CalculatorTest", project.main + "," + project.test));
    command.addAll(List.of(fix));
    Path log = directory.resolve("launcher.log");
    Process process = new ProcessBuilder(command).directory(project.directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    boolean ended = process.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("the launcher JVM ended within %d s; it printed:%n%s", PROCESS_SECONDS, output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).as("the launcher JVM's output").contains(LauncherRun.COUNTS);
    return output;
  }

  private static String transcript(String output) {
    int start = output.indexOf(LauncherRun.TRANSCRIPT) + LauncherRun.TRANSCRIPT.length();
    int end = output.indexOf(LauncherRun.COUNTS);
    return output.substring(start, end);
  }
}
