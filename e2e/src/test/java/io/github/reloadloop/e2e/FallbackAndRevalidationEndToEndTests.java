package io.github.reloadloop.e2e;

import static io.github.reloadloop.e2e.Shell.EXIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issues 10 and 12 as a user meets them, in a real terminal under {@code mvn test -Dreload.loop=true}: a
 * library with a multi-release overlay on Surefire's class path and static initialisers that install
 * JVM-wide defaults; a schema-changing fix moves later tests that reach it to a fresh class loader, which
 * must not turn any of them red; a second fix breaks a test that passed earlier, which revalidation catches.
 */
class FallbackAndRevalidationEndToEndTests {

  private static final Duration UNTIL_PROMPT = Duration.ofSeconds(240);
  private static final Duration UNTIL_NEXT = Duration.ofSeconds(90);

  private static final String GREETER = "src/main/java/shop/Greeter.java";
  private static final String SELECTOR = "src/main/java/shop/Selector.java";

  @TempDir Path temporary;
  private TmuxSession terminal;

  @AfterEach
  void stopTheTerminal(TestInfo info) throws Exception {
    if (terminal != null) {
      terminal.closeKeepingScreen(info);
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void schemaChangeThenAFixThatBreaksAnEarlierTest_revalidatedFixedAgain_wholeRunGreen() throws Exception {
    FixtureProject project = FixtureProject.copy("fallback-revalidation", temporary.resolve("project"));
    terminal = TmuxSession.start(project.directory(), FixtureProject.shellLine(project.mavenCommand()));

    terminal.waitFor(Pattern.compile("FAILED: C_GreeterTest > greets\\(\\)"), UNTIL_PROMPT, "Greeter's failure");
    terminal.waitFor(Pattern.compile("reload> "), UNTIL_NEXT, "the prompt");
    project.edit(GREETER, "return \"Hello \" + name + \"!!\";",
        "return \"Hello \" + name + mark();\n  }\n\n  static String mark() {\n    return \"!\";");
    terminal.waitFor(Pattern.compile("changed shape: shop.Greeter: method mark\\(\\) added"), UNTIL_NEXT,
        "the refused redefinition of Greeter");
    terminal.type("continue");

    terminal.waitFor(Pattern.compile("FAILED: F_ClassTest > hasClass_ignoresCase\\(\\)"), UNTIL_NEXT,
        "F_ClassTest's failure");
    project.edit(SELECTOR, "return text.trim();", "return text.toLowerCase();"); // fixes F, breaks B
    terminal.waitFor(Pattern.compile("reloaded 1 class .*shop.Selector"), UNTIL_NEXT, "the reload of Selector");
    terminal.type("continue");

    terminal.waitFor(Pattern.compile("FAILED: B_TagTest > matchesTag_ignoresSurroundingSpaces\\(\\)"), UNTIL_NEXT,
        "the revalidation failure of the earlier B_TagTest");
    project.edit(SELECTOR, "return text.toLowerCase();", "return text.trim().toLowerCase();");
    terminal.waitFor(Pattern.compile("(?s)revalidated: it passed before the reload of shop.Selector.*reloaded 1 class"),
        UNTIL_NEXT, "the second reload of Selector");
    terminal.type("continue");

    int exit = Integer.parseInt(terminal.waitFor(EXIT, UNTIL_NEXT, "the end of the build").group(1));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("PASSED C_GreeterTest > greets() after 1 rerun")
        .containsPattern("D_HandlersTest: 1 test passed in a fresh class loader \\(reload-loop-fresh-\\d+\\); it reaches"
            + " shop.Greeter, which changed shape, through shop.Handlers, which looks classes up by name")
        .contains("E_FreshNetworkTest: 1 test passed in a fresh class loader")
        .doesNotContain("G_NetworkAgainTest: 1 test passed in a fresh class loader")
        .contains("PASSED F_ClassTest > hasClass_ignoresCase() after 1 rerun")
        .contains("PASSED B_TagTest > matchesTag_ignoresSurroundingSpaces() after 1 rerun")
        .contains("BUILD SUCCESS");
    assertThat(exit).as("mvn exit code").isZero();
    assertReportedAsAPlainRun(project, screen);
    assertThat(project.report("shop.D_HandlersTest").xml()).as("the fresh run, reported under the original name")
        .contains("classname=\"shop.D_HandlersTest\"");
    List<String> freshLines = SurefireConsole.linesWith(screen, "in a fresh class loader (reload-loop-fresh-",
        "run in a fresh class loader", "ran in a fresh class loader;");
    assertThat(freshLines).as("the console's lines about fresh class loaders: one per class at most, the"
        + " announcement, the summary").hasSizeLessThanOrEqualTo(SurefireConsole.testMethods(project.directory()).size() + 2)
        .anyMatch(line -> line.contains("later tests that reach Greeter run in a fresh class loader"))
        .anyMatch(line -> line.matches(".*\\d+ tests? in \\d+ class(es)? ran in a fresh class loader; all passed.*"));
    assertThat(SurefireConsole.linesWith(screen, "revalidated, ", "revalidated ")).as("revalidation: a line per class"
        + " and a total").anyMatch(line -> line.matches(".*revalidated \\d+ tests? in \\d+ class(es)?: .*"));
  }

  /**
   * Surefire's console line for each test class, its summary and its XML reports count what a plain run of the
   * fixed code counts: each test once, none skipped, failed or in error, and no {@code [WARNING]} (issue 30).
   */
  private static void assertReportedAsAPlainRun(FixtureProject project, String screen) throws Exception {
    Map<String, Integer> plain = SurefireConsole.testMethods(project.directory());
    SurefireConsole surefire = SurefireConsole.of(screen, plain.keySet());
    Map<String, String> expected = new TreeMap<>();
    plain.forEach((testClass, tests) -> expected.put(testClass, SurefireConsole.passed(tests)));
    assertThat(new TreeMap<>(surefire.classLines())).as(TmuxSession.tail(screen, 80)).isEqualTo(expected);
    assertThat(surefire.summary()).as(TmuxSession.tail(screen, 80))
        .isEqualTo(SurefireConsole.passed(plain.values().stream().mapToInt(Integer::intValue).sum()));
    assertThat(screen).doesNotContain("[WARNING] Tests run:");
    for (Map.Entry<String, Integer> testClass : plain.entrySet()) {
      SurefireReport report = project.report(testClass.getKey());
      assertThat(List.of(report.tests(), report.failures(), report.errors(), report.skipped()))
          .as(report.xml()).isEqualTo(List.of(testClass.getValue(), 0, 0, 0));
      assertThat(Pattern.compile("<testcase ").matcher(report.xml()).results().count()).as(report.xml())
          .isEqualTo(testClass.getValue().longValue());
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void fixBreaksAnEarlierTest_loopAborted_buildFailsNamingTheEarlierTestAndTheReload() throws Exception {
    FixtureProject project = FixtureProject.copy("fallback-revalidation", temporary.resolve("project"));
    terminal = TmuxSession.start(project.directory(),
        FixtureProject.shellLine(project.mavenCommand("-Dtest=B_TagTest,F_ClassTest")));

    terminal.waitFor(Pattern.compile("FAILED: F_ClassTest > hasClass_ignoresCase\\(\\)"), UNTIL_PROMPT,
        "F_ClassTest's failure");
    project.edit(SELECTOR, "return text.trim();", "return text.toLowerCase();");
    terminal.waitFor(Pattern.compile("reloaded 1 class .*shop.Selector"), UNTIL_NEXT, "the reload of Selector");
    terminal.type("continue");
    terminal.waitFor(Pattern.compile("revalidated: it passed before the reload of shop.Selector"), UNTIL_NEXT,
        "the revalidation failure");
    terminal.type("abort");

    int exit = Integer.parseInt(terminal.waitFor(EXIT, UNTIL_NEXT, "the end of the build").group(1));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .containsPattern("B_TagTest.matchesTag_ignoresSurroundingSpaces.*revalidated after reloads: this test passed"
            + " before the reload of shop.Selector")
        .contains("BUILD FAILURE");
    assertThat(exit).as("mvn exit code").isNotZero();
    SurefireReport report = project.report("shop.B_TagTest");
    assertThat(report.failures()).as(report.xml()).isEqualTo(1);
    assertThat(report.xml()).contains("passed before the reload of shop.Selector");
  }
}
