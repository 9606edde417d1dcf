package io.github.reloadloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot application's {@code @SpringBootTest @Transactional} test on H2 (the fixture
 * {@code spring-shop}), run with {@code mvn test -Dreload.loop=true} in a real terminal: it fails, the fix is
 * saved, {@code continue}, and the build succeeds. The rerun needs a transaction of its own while the failed
 * test's is still open, and the prompt must stay readable below Spring's log output.
 */
class SpringEndToEndTests {

  /** The fixture's first build may download Spring Boot's plugins: Maven runs online here. */
  private static final Duration UNTIL_PROMPT = Duration.ofMinutes(6);
  private static final Duration UNTIL_RELOADED = Duration.ofSeconds(60);
  private static final Duration UNTIL_END = Duration.ofSeconds(180);

  private static final String TEST_CLASS = "shop.OrderServiceTests";
  private static final String FAILED_TEST = "OrderServiceTests > a_goldOrder_savedAtTheGoldPrice()";
  private static final Pattern PROMPT_LAST = Pattern.compile("(?m)^reload>\\s*\\z");
  private static final Pattern LOG_LINE = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(INFO|WARN)\\s+\\d+ --- ");

  @TempDir
  Path temporary;

  private FixtureProject project;
  private TmuxSession terminal;

  @BeforeEach
  void copyTheFixture() throws IOException {
    project = FixtureProject.copy("spring-shop", temporary.resolve("spring-shop"));
  }

  @AfterEach
  void stopTheTerminal() throws IOException, InterruptedException {
    Path logs = Path.of(System.getProperty("e2e.logDirectory", "target/e2e-logs"));
    if (terminal != null) {
      terminal.saveScreen(logs.resolve("spring.log"));
      terminal.close();
    }
    Path report = SurefireReport.file(project.directory(), TEST_CLASS);
    if (Files.isRegularFile(report)) {
      Files.createDirectories(logs);
      Files.copy(report, logs.resolve("spring.xml"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void terminal_transactionalSpringTest_fixSaveContinue_buildSucceeds_promptBelowSpringsLog() throws Exception {
    terminal = TmuxSession.start(project.directory(),
        FixtureProject.shellLine(project.mavenCommand("-Dtest=OrderServiceTests")));

    String screen = terminal.waitUntil(s -> s.contains("FAILED: ") && PROMPT_LAST.matcher(s).find(), UNTIL_PROMPT,
        "the failure and then the reload> prompt on the last line");
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("FAILED: " + FAILED_TEST, "expected: <9000> but was: <9900>")
        .containsPattern(LOG_LINE);
    assertThat(screen.lines().filter(line -> line.contains("reload>") && LOG_LINE.matcher(line).find()))
        .as("Spring's log lines on the prompt line").isEmpty();

    project.edit("src/main/java/shop/Pricing.java", "return cents - cents / 100;", "return cents - cents / 10;");
    terminal.waitFor(Pattern.compile("(?m)^reloaded 1 class in \\d+ ms: shop\\.Pricing"), UNTIL_RELOADED,
        "the reload of the fixed Pricing");
    terminal.type("continue");

    int exit = Shell.exitCode(terminal.waitFor(Shell.EXIT, UNTIL_END, "the end of the build"));
    screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("PASSED " + FAILED_TEST + " after 1 rerun")
        .contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0", "BUILD SUCCESS")
        .doesNotContain("Cannot start new transaction");
    assertThat(exit).as("mvn exit code").isZero();
    SurefireReport report = project.report(TEST_CLASS);
    assertThat(report.tests()).as(report.xml()).isEqualTo(2);
    assertThat(report.failures() + report.errors() + report.skipped()).as(report.xml()).isZero();
    assertThat(report.systemOut()).contains("reload-loop: " + FAILED_TEST + " passed after 1 rerun");
  }
}
