package io.github.reloadloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop under another launcher than Maven: the JUnit Platform console launcher
 * ({@code junit-platform-console-standalone}) runs the demo's failing test. Under {@code setsid ... </dev/null}
 * it stands in for a Gradle test worker (a JVM without a terminal, started by another program: Gradle cannot
 * be installed where reload-loop is built), with {@code reload.loop} and {@code reload.console} as system
 * properties, as Gradle's {@code systemProperty} passes them; with standard input from a pipe it stands in
 * for an IDE's runner and its run console. The demo is compiled once; each test runs a copy of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleLauncherEndToEndTests {

  private static final Duration UNTIL_FAILURE = Duration.ofSeconds(120);
  private static final Duration UNTIL_SHOWN = Duration.ofSeconds(30);
  private static final Duration UNTIL_END = Duration.ofSeconds(120);
  private static final String DEMO_TEST_NAME = "GoldDiscountDemoTests > goldCustomer_ordersBeans_paysTenPercentLess()";
  private static final String EXCLUDED_GROUPS = "org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian";

  /** One directory for the class: the compiled demo, and a directory per test. */
  @TempDir static Path temporary;
  private Path directory;
  private Path compiled;
  private String testClassPath;
  private DemoProject project;
  private String testName;
  private TmuxSession terminal;

  /** The demo, compiled by Maven, and its test class path without JUnit (the launcher brings its own). */
  @BeforeAll
  void compileTheDemo() throws Exception {
    compiled = temporary.resolve("compiled");
    DemoProject.copyInto(compiled);
    List<String> mvn = DemoProject.maven("-B", "-q", "-o", "test-compile",
        "org.apache.maven.plugins:maven-dependency-plugin:" + System.getProperty("e2e.dependencyPluginVersion")
            + ":build-classpath", "-Dmdep.outputFile=target/test-classpath.txt",
        "-DexcludeGroupIds=" + EXCLUDED_GROUPS);
    try (Background build = Background.start(mvn, compiled, DemoEndToEndBase.logDirectory().resolve("console-launcher-compile.log"),
        Map.of(), true)) {
      int exit = build.awaitExit(UNTIL_END);
      assertThat(exit).as(build.output()).isZero();
    }
  }

  @BeforeEach
  void copyTheCompiledDemo(TestInfo info) throws IOException {
    testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
    directory = Files.createDirectories(temporary.resolve(testName));
    Path copy = directory.resolve("sample-project");
    DemoProject.copyTree(compiled, copy);
    project = DemoProject.existing(copy);
    testClassPath = String.join(java.io.File.pathSeparator, copy.resolve("target/test-classes").toString(),
        copy.resolve("target/classes").toString(),
        Files.readString(copy.resolve("target/test-classpath.txt"), StandardCharsets.UTF_8).trim());
  }

  @org.junit.jupiter.api.AfterEach
  void stopTheTerminal() throws IOException, InterruptedException {
    if (terminal != null) {
      terminal.saveScreen(DemoEndToEndBase.logDirectory().resolve(testName + ".log"));
      terminal.close();
    }
  }

  /** {@code java [properties] -jar junit-platform-console-standalone.jar execute ...} on the demo's failing test. */
  private List<String> launcher(String... systemProperties) {
    List<String> command = new ArrayList<>(List.of(Path.of(DemoProject.javaHome(), "bin", "java").toString(),
        "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true", "-Dreload.loop=true"));
    command.addAll(List.of(systemProperties));
    command.addAll(List.of("-jar", System.getProperty("e2e.consoleLauncher"), "execute", "--disable-banner",
        "--details=summary", "--class-path", testClassPath, "--select-class", DemoProject.DEMO_TEST));
    return command;
  }

  private Background start(boolean devNullInput, Map<String, String> environment, String... systemProperties)
      throws IOException {
    return Background.start(launcher(systemProperties), project.directory(),
        DemoEndToEndBase.logDirectory().resolve(testName + "-launcher.log"), environment, devNullInput);
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void gradleLikeWorker_noTerminal_attachFromOne_fixSavedGreen_noSocketLeft() throws Exception {
    try (Background worker = start(true, Map.of(), "-Dreload.console=attach")) {
      worker.awaitOutput("reload-loop: test failed, console waiting: run  reload-loop attach", UNTIL_FAILURE);
      Path bin = Background.installScript(directory);
      terminal = TmuxSession.start(project.directory(), Shell.withJavaHome(Background.scriptEnvironment(bin)
          + "reload-loop attach; echo \"e2e: attach exited with $?\""));
      terminal.waitFor(Pattern.compile("(?m)^reload> \\s*$"), UNTIL_SHOWN, "the prompt over the socket");

      project.fixBugLikeAnEditor();

      terminal.waitFor(Pattern.compile("PASSED " + Pattern.quote(DEMO_TEST_NAME) + " after 1 rerun"), UNTIL_SHOWN,
          "the auto-rerun's pass");
      assertThat(worker.awaitExit(UNTIL_END)).as(worker.output()).isZero();
      terminal.waitFor(Pattern.compile("(?m)^e2e: attach exited with 0$"), UNTIL_SHOWN, "the attach command's end");
      assertThat(worker.output()).contains("1 tests successful");
      assertThat(terminal.screen()).contains("reload-loop: the test run ended");
      assertThat(Background.socketDirectories(project.directory())).isEmpty();
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void ideLikeRunner_linesOnStandardInput_fixSavedThenContinue_green() throws Exception {
    try (Background ide = start(false, Map.of(), "-Dreload.console=stdin", "-Dreload.auto=false")) {
      ide.awaitOutput("reload> ", UNTIL_FAILURE);
      assertThat(ide.output()).contains("FAILED: " + DEMO_TEST_NAME, "expected: <90.00> but was: <99.00>");

      project.fixBugLikeAnEditor();
      ide.awaitOutput("reloaded 1 class", UNTIL_SHOWN);
      ide.type("continue");

      assertThat(ide.awaitExit(UNTIL_END)).as(ide.output()).isZero();
      assertThat(ide.output()).contains("PASSED " + DEMO_TEST_NAME + " after 1 rerun", "1 tests successful");
      assertThat(Background.socketDirectories(project.directory())).isEmpty();
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void noTerminalAttaches_theFailureFailsNormallyAfterTheTimeout_noSocketLeft() throws Exception {
    try (Background worker = start(true, Map.of(), "-Dreload.console=attach", "-Dreload.attach.timeout=2s")) {
      assertThat(worker.awaitExit(UNTIL_END)).as(worker.output()).isEqualTo(1);
      assertThat(worker.output())
          .contains("reload-loop: test failed, console waiting: run  reload-loop attach")
          .contains("reload-loop: no terminal attached within 2 s (reload.attach.timeout): FAILED: " + DEMO_TEST_NAME
              + " fails normally, and so do later failures")
          .contains("1 tests failed");
      assertThat(Background.socketDirectories(project.directory())).isEmpty();
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void onCi_withoutATerminal_neverWaits_oneLineNamesAttach() throws Exception {
    try (Background ci = start(false, Map.of("CI", "true"))) {
      assertThat(ci.awaitExit(UNTIL_END)).as(ci.output()).isEqualTo(1);
      assertThat(ci.output())
          .contains("reload-loop: the loop is off, failures are reported normally: ")
          .contains("the run does not look interactive (CI=true")
          .contains("reload.console=attach would make a failure wait for  reload-loop attach  from a terminal")
          .doesNotContain("console waiting")
          .contains("1 tests failed");
      assertThat(Background.socketDirectories(project.directory())).isEmpty();
    }
  }
}
