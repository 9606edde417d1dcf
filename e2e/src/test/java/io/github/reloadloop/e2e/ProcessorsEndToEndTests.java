package io.github.reloadloop.e2e;

import static io.github.reloadloop.e2e.Shell.EXIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company-style build in a real terminal: Lombok and MapStruct only in {@code annotationProcessorPaths}
 * (Lombok also as a provided dependency, MapStruct's processor given as {@code reload.processorpath}), and
 * JaCoCo's {@code prepare-agent} instrumenting every class. A bug in a Lombok {@code @Value @Builder} class
 * and one in a MapStruct {@code @Mapping} are each fixed, reloaded in place and turned green with
 * {@code continue}; the build's output directories are byte for byte what the build wrote.
 */
class ProcessorsEndToEndTests {

  private static final Duration UNTIL_COMPILED = Duration.ofMinutes(5);
  private static final Duration UNTIL_PROMPT = Duration.ofMinutes(3);
  private static final Duration UNTIL_RELOADED = Duration.ofSeconds(90);
  private static final Duration UNTIL_END = Duration.ofMinutes(2);
  private static final Pattern FAILED = Pattern.compile("(?m)^FAILED: (ItemTests|CartMapperTests) > ");
  private static final String ITEM_FILE = "src/main/java/acme/cart/Item.java";
  private static final String MAPPER_FILE = "src/main/java/acme/cart/CartMapper.java";

  @TempDir
  Path temporary;

  private TmuxSession terminal;

  @AfterEach
  void keepTheScreen() throws Exception {
    if (terminal != null) {
      terminal.saveScreen(Path.of(System.getProperty("e2e.logDirectory", "target/e2e-logs"))
          .resolve("processors-shop.log"));
      terminal.close();
    }
  }

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void lombokMapstructJacoco_fixBothBugsAndContinue_greenInPlaceAndBuildOutputUntouched() throws Exception {
    FixtureProject project = FixtureProject.copy("processors-shop", temporary.resolve("processors-shop"));
    build(project);
    Map<String, String> classes = project.checksums("target/classes");
    Map<String, String> testClasses = project.checksums("target/test-classes");

    terminal = TmuxSession.start(project.directory(), shellCommand(project));
    for (int failure = 1; failure <= 2; failure++) {
      String failed = waitForFailure(failure);
      if (failed.equals("ItemTests")) {
        project.edit(ITEM_FILE, "return unitCents;", "return quantity * unitCents;");
        terminal.waitFor(Pattern.compile("(?m)^reloaded \\d+ class.*acme\\.cart\\.Item\\b"), UNTIL_RELOADED,
            "the reload of the fixed Lombok class Item");
      } else {
        project.edit(MAPPER_FILE, "source = \"sku\"", "source = \"name\"");
        terminal.waitFor(Pattern.compile("(?m)^reloaded \\d+ class.*acme\\.cart\\.CartMapperImpl"), UNTIL_RELOADED,
            "the reload of the mapper that MapStruct generated again");
      }
      terminal.type("continue");
    }

    Matcher exit = terminal.waitFor(EXIT, UNTIL_END, "the end of the build");
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("PASSED ItemTests > twoBagsOfBeans_totalCents_isQuantityTimesUnitPrice() after 1 rerun")
        .contains("PASSED CartMapperTests > item_toView_labelIsTheItemsName() after 1 rerun")
        .contains("Tests run: 2, Failures: 0, Errors: 0", "BUILD SUCCESS")
        .doesNotContain("fresh class loader", "changed shape", "refused", "error:");
    assertThat(Integer.parseInt(exit.group(1))).as("mvn exit code").isZero();
    assertThat(project.directory().resolve("target/jacoco.exec")).as("JaCoCo's agent ran in the test JVM")
        .isRegularFile();
    assertThat(project.checksums("target/classes")).as("target/classes after the session").isEqualTo(classes);
    assertThat(project.checksums("target/test-classes")).as("target/test-classes after the session")
        .isEqualTo(testClasses);
  }

  /** Waits for the {@code n}-th failure's prompt and returns the failed test class's simple name. */
  private String waitForFailure(int n) throws Exception {
    Instant deadline = Instant.now().plus(UNTIL_PROMPT);
    while (true) {
      String screen = terminal.screen();
      long prompts = Pattern.compile("(?m)^Fix the code and save").matcher(screen).results().count();
      Matcher failed = FAILED.matcher(screen);
      String last = null;
      while (failed.find()) {
        last = failed.group(1);
      }
      if (prompts >= n && last != null && screen.strip().endsWith("reload>")) {
        return last;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + UNTIL_PROMPT.toSeconds() + " s for failure " + n
            + " at the reload> prompt, but the terminal shows:\n" + TmuxSession.tail(screen, 80));
      }
      Thread.sleep(200); // polling interval of a bounded wait
    }
  }

  /** Compiles the fixture first, so that its class directories can be checksummed before the session. */
  private static void build(FixtureProject project) throws Exception {
    Path log = Path.of(System.getProperty("e2e.logDirectory", "target/e2e-logs")).resolve("processors-shop-build.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(project.maven("test-compile"))
        .directory(project.directory().toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("JAVA_HOME", DemoProject.javaHome());
    Process mvn = builder.start();
    if (!mvn.waitFor(UNTIL_COMPILED.toSeconds(), TimeUnit.SECONDS)) {
      mvn.descendants().forEach(ProcessHandle::destroyForcibly);
      mvn.destroyForcibly();
      throw new AssertionError("mvn test-compile of the fixture did not end within " + UNTIL_COMPILED);
    }
    assertThat(mvn.exitValue()).as(TmuxSession.tail(Files.readString(log, StandardCharsets.UTF_8), 60)).isZero();
  }

  private static String shellCommand(FixtureProject project) {
    return FixtureProject.shellLine(project.mavenCommand());
  }
}
