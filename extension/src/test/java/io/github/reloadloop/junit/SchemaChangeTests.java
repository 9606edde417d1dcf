package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Fixes the JVM cannot hot-swap (a new method, field, lambda or class, a changed signature, a removed
 * method) still reach the rerun: it runs in a fresh class loader over the output directories.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SchemaChangeTests {

  static final String LEDGER = """
      package acme;

      import java.util.ArrayList;
      import java.util.List;

      public class Ledger {
        private final List<Integer> entries = new ArrayList<>();

        public void add(int amount) {
          entries.add(amount);
        }

        public int balance() {
          int sum = 0;
          for (int entry : entries) {
            sum += entry;
          }
          return sum - 1;
        }

        public int legacyBalance() {
          return -1;
        }
      }
      """;

  static final String LEDGER_TEST = """
      package acme;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import io.github.reloadloop.junit.ReloadLoop;
      import org.junit.jupiter.api.BeforeEach;
      import org.junit.jupiter.api.MethodOrderer;
      import org.junit.jupiter.api.Order;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.TestMethodOrder;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
      class LedgerTest {
        Ledger ledger;

        @BeforeEach
        void setUp() {
          ledger = new Ledger();
          ledger.add(5);
          ledger.add(7);
        }

        @Test @Order(1)
        void balanceSumsEntries() {
          assertEquals(12, ledger.balance());
        }

        @Test @Order(2)
        void laterTestSeesTheNewCodeToo() {
          assertEquals(12, ledger.balance());
          System.setProperty("acme.later.loader", String.valueOf(getClass().getClassLoader().getName()));
        }
      }
      """;

  static final String LEGACY_METHOD = "  public int legacyBalance() {\n    return -1;\n  }\n";

  @TempDir Path directory;
  TempProject project;
  Path ledger;

  @BeforeEach
  void createProject() throws Exception {
    project = new TempProject(directory)
        .mainSource("acme/Ledger.java", LEDGER)
        .testSource("acme/LedgerTest.java", LEDGER_TEST)
        .compile();
    ledger = project.main.resolve("acme/Ledger.java");
  }

  private EngineExecutionResults fixWith(String from, String to, ScriptedConsole console) throws Exception {
    console.then(() -> {
      TempProject.edit(ledger, from, to);
      return "continue";
    });
    return project.run("acme.LedgerTest", console);
  }

  private static void assertBothPassed(EngineExecutionResults results) {
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("balanceSumsEntries"), finishedSuccessfully()))
        .haveExactly(1, event(test("laterTestSeesTheNewCodeToo"), finishedSuccessfully()));
  }

  @Test
  void fixAddsHelperMethodOtherClassesCanSee_rerunInFreshLoaderPasses_laterTestsUseNewCode() throws Exception {
    ScriptedConsole console = new ScriptedConsole();
    EngineExecutionResults results = fixWith("return sum - 1;\n  }",
        "return correct(sum);\n  }\n\n  static int correct(int sum) {\n    return sum;\n  }", console);

    assertBothPassed(results);
    assertThat(console.transcript())
        .contains("changed shape: acme.Ledger: method correct(int) added; this JVM can only swap method bodies")
        .contains("the rerun uses a fresh class loader (static state of project classes starts fresh there)")
        .contains("PASSED LedgerTest > balanceSumsEntries() after 1 rerun");
    assertThat(console.reads.get()).as("the later test ran in the fresh loader and passed").isEqualTo(1);
    assertThat(System.getProperty("acme.later.loader")).as("the class loader of the later test")
        .startsWith("reload-loop-fresh-");
    results.testEvents().assertThatEvents().haveExactly(1, event(test("laterTestSeesTheNewCodeToo"),
        LauncherRecorder.reportedByJupiter(), finishedSuccessfully()));
    LauncherRecorder.assertReportedLikeAPlainRun(results);
  }

  @Test
  void laterTestClass_lifecycleAndConstructorRunAgainstTheNewCodeToo() throws Exception {
    project.testSource("acme/SetupTest.java", """
        package acme;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.BeforeAll;
        import org.junit.jupiter.api.BeforeEach;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class SetupTest {
          static int inBeforeAll;
          final int inConstructor;
          int inBeforeEach;

          SetupTest() {
            inConstructor = one();
          }

          @BeforeAll
          static void beforeAll() {
            inBeforeAll = one();
          }

          @BeforeEach
          void setUp() {
            inBeforeEach = one();
            if (inBeforeEach != 2) {
              throw new IllegalStateException("setup saw " + inBeforeEach);
            }
          }

          static int one() {
            Ledger ledger = new Ledger();
            ledger.add(2);
            return ledger.balance();
          }

          @Test
          void usesSetup() {
            assertEquals(2, inBeforeAll);
            assertEquals(2, inConstructor);
            assertEquals(2, inBeforeEach);
          }
        }
        """).compile();
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(ledger, "return sum - 1;\n  }",
          "return correct(sum);\n  }\n\n  static int correct(int sum) {\n    return sum;\n  }");
      return "continue";
    });

    EngineExecutionResults results = project.run(List.of("acme.LedgerTest", "acme.SetupTest"), console);

    assertThat(console.transcript()).doesNotContain("setup saw").contains("SetupTest: 1 test passed in a fresh class loader");
    results.testEvents().assertThatEvents().haveExactly(1, event(test("usesSetup"),
        LauncherRecorder.reportedByJupiter(), finishedSuccessfully()));
    LauncherRecorder.assertReportedLikeAPlainRun(results);
    results.testEvents().assertStatistics(s -> s.failed(0));
  }

  @Test
  void fixAddsPrivateHelperAndLambda_changedInPlace_rerunPassesWithoutAFreshLoader() throws Exception {
    ScriptedConsole console = new ScriptedConsole();
    EngineExecutionResults results = fixWith("return sum - 1;\n  }", "return correct(sum);\n  }\n\n"
        + "  private int correct(int sum) {\n    java.util.function.IntUnaryOperator same = s -> s;\n"
        + "    return same.applyAsInt(sum);\n  }", console);

    assertBothPassed(results);
    assertThat(console.transcript())
        .contains("reloaded 1 class in place (1 method added, 1 lambda added) in")
        .contains("PASSED LedgerTest > balanceSumsEntries() after 1 rerun")
        .doesNotContain("changed shape").doesNotContain("fresh class loader");
    results.testEvents().assertThatEvents().haveExactly(0, event(LauncherRecorder.reportedByReloadLoop()));
    results.testEvents().assertStatistics(s -> s.failed(0));
  }

  @Test
  void fixAddsField_rerunPasses() throws Exception {
    EngineExecutionResults results = fixWith("return sum - 1;", "return sum + offset;",
        new ScriptedConsole().then(() -> {
          TempProject.edit(ledger, "private final List<Integer> entries", "int offset = 0;\n  private final List<Integer> entries");
          return "status";
        }));

    assertBothPassed(results);
  }

  @Test
  void fixAddsLambda_rerunPasses() throws Exception {
    EngineExecutionResults results = fixWith("return sum - 1;",
        "return entries.stream().mapToInt(e -> e).sum();", new ScriptedConsole());

    assertBothPassed(results);
  }

  @Test
  void removalThenSignatureChange_inOneSession_eachRefusalNamed_secondFixPasses() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(ledger, LEGACY_METHOD, "");
          return "continue";
        })
        .then(() -> {
          TempProject.edit(ledger, "public void add(int amount) {", "public void add(long amount) {");
          TempProject.edit(ledger, "entries.add(amount);", "entries.add((int) amount);");
          TempProject.edit(ledger, "return sum - 1;", "return sum;");
          return "continue";
        });

    EngineExecutionResults results = project.run("acme.LedgerTest", console);

    assertBothPassed(results);
    assertThat(console.transcript())
        .contains("changed shape: acme.Ledger: method legacyBalance() removed; this JVM can only swap method bodies")
        .contains("FAILED: LedgerTest > balanceSumsEntries() (rerun 1)")
        .contains("expected: <12> but was: <11>")
        .contains("PASSED LedgerTest > balanceSumsEntries() after 2 reruns");
    assertThat(console.transcript()).containsPattern("changed shape: acme\\.Ledger: .*add\\(long\\) added");
  }

  @Test
  void fixUsesNewClass_rerunPasses() throws Exception {
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.save(project.main.resolve("acme/Rounding.java"), """
          package acme;

          final class Rounding {
            static int none(int value) {
              return value;
            }
          }
          """);
      TempProject.edit(ledger, "return sum - 1;", "return Rounding.none(sum);");
      return "continue";
    });

    EngineExecutionResults results = project.run("acme.LedgerTest", console);

    assertBothPassed(results);
  }

  @Test
  void editBreaksAnotherClass_clearMessageAndNothingApplied() throws Exception {
    TempProject.save(project.main.resolve("acme/Report.java"), """
        package acme;

        public class Report {
          public static String of(Ledger ledger) {
            return "legacy " + ledger.legacyBalance();
          }
        }
        """);
    project.compile();
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(ledger, LEGACY_METHOD, "");
          TempProject.edit(ledger, "return sum - 1;", "return sum;");
          return "continue";
        })
        .type("skip");

    EngineExecutionResults results = project.run("acme.LedgerTest", console);

    results.testEvents().assertThatEvents().haveExactly(1, event(test("balanceSumsEntries"), finishedWithFailure()));
    assertThat(console.transcript())
        .contains("not rerunning: the last save does not compile")
        .containsPattern("(?s)Report\\.java:5:\\d+: cannot find symbol.*legacyBalance");
  }
}
