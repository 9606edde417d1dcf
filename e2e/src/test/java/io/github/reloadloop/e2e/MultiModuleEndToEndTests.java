package io.github.reloadloop.e2e;

import static io.github.reloadloop.e2e.Shell.EXIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 as a user meets it, in a real terminal: a reactor of {@code core} and {@code app} (which depends on
 * core), {@code mvn test -Dreload.loop=true} from the root with no other setting. app's tests fail because of
 * bugs in core; the fixes are saved in {@code core/src/main/java}: a body edit, redefined in app's test JVM,
 * and a schema change, rerun in a fresh class loader that covers core's classes. A save in core's tests, which
 * app's test JVM does not run, is reported with the setting that would include it. With {@code mvn verify} the
 * same run loads core from its jar.
 */
class MultiModuleEndToEndTests {

  private static final Duration UNTIL_PROMPT = Duration.ofSeconds(300);
  private static final Duration UNTIL_NEXT = Duration.ofSeconds(90);
  private static final String PRICE_RULES = "core/src/main/java/shop/core/PriceRules.java";

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
  void reactorFromTheRoot_fixesSavedInTheSiblingModule_bodyThenSchemaChange_buildSucceeds() throws Exception {
    fixAppsFailuresInCore("test", "\\.\\./core/src/main/java \\(module core, release 17\\)");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void reactorVerify_siblingLoadedFromItsJar_fixesSavedInItsSources_buildSucceeds() throws Exception {
    fixAppsFailuresInCore("verify",
        "\\.\\./core/src/main/java \\(module core, release 17, classes from \\.\\./core/target/core-1\\.0\\.jar\\)");
  }

  /** Runs the reactor, fixes both of app's failures in core's sources, and checks that the whole build passed. */
  private void fixAppsFailuresInCore(String phase, String coreRootInStatus) throws Exception {
    FixtureProject project = FixtureProject.copy("multi-module", temporary.resolve("project"));
    terminal = TmuxSession.start(project.directory(), FixtureProject.shellLine(project.mavenCommandFor(phase)));

    terminal.waitFor(Pattern.compile("(?m)^FAILED: A_CheckoutTest > goldCustomersGetTenPercent\\(\\)"), UNTIL_PROMPT,
        "app's failure caused by core");
    terminal.waitFor(Pattern.compile("(?m)^reload>"), UNTIL_NEXT, "the prompt");
    terminal.type("status");
    terminal.waitFor(Pattern.compile("(?m)^source roots:   src/main/java \\(module app, release 17\\)\\n"
        + " +src/test/java \\(module app, release 17\\)\\n +" + coreRootInStatus), UNTIL_NEXT,
        "core's sources among the watched roots");
    project.edit("core/src/test/java/shop/core/PriceRulesTest.java", "void silverGetsFivePercent()",
        "void silverGetsFivePercentOff()");
    terminal.waitFor(Pattern.compile("not reloaded: \\.\\./core/src/test/java/shop/core/PriceRulesTest\\.java is outside"
        + " the watched source roots; reload\\.dir\\.add=\\.\\./core/src/test/java would include it"), UNTIL_NEXT,
        "the save outside app's roots, reported");

    project.edit(PRICE_RULES, "return 1;", "return 10;");
    terminal.waitFor(Pattern.compile("reloaded 1 class .*shop\\.core\\.PriceRules"), UNTIL_NEXT,
        "the reload of core's PriceRules in app's test JVM");
    terminal.type("continue");
    terminal.waitFor(Pattern.compile("PASSED A_CheckoutTest > goldCustomersGetTenPercent\\(\\) after 1 rerun"),
        UNTIL_NEXT, "the rerun against the fixed core");

    terminal.waitFor(Pattern.compile("(?m)^FAILED: B_ReceiptTest > receiptNamesTheTierCapitalised\\(\\)"), UNTIL_NEXT,
        "the second failure caused by core");
    project.edit(PRICE_RULES, "return tier.toLowerCase();", "return capitalised(tier);\n  }\n\n"
        + "  static String capitalised(String tier) {\n    return tier.charAt(0) + tier.substring(1).toLowerCase();");
    terminal.waitFor(Pattern.compile("changed shape: shop\\.core\\.PriceRules: method capitalised\\(.*\\) added"),
        UNTIL_NEXT, "the refused redefinition of PriceRules");
    terminal.type("continue");

    int exit = Integer.parseInt(terminal.waitFor(EXIT, UNTIL_PROMPT, "the end of the build").group(1));
    String screen = terminal.screen();
    assertThat(screen).as(TmuxSession.tail(screen, 80))
        .contains("PASSED B_ReceiptTest > receiptNamesTheTierCapitalised() after 1 rerun")
        .contains("BUILD SUCCESS");
    assertThat(exit).as("mvn exit code").isZero();
    for (String test : new String[] {"app:shop.app.A_CheckoutTest", "app:shop.app.B_ReceiptTest",
        "core:shop.core.PriceRulesTest"}) {
      String[] moduleAndClass = test.split(":");
      SurefireReport report = project.module(moduleAndClass[0]).report(moduleAndClass[1]);
      assertThat(report.failures() + report.errors()).as(test + ": " + report.xml()).isZero();
      assertThat(report.tests()).as(test + ": " + report.xml()).isPositive();
    }
  }
}
