package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The later test classes that reach a class that changed shape run in one nested launcher run per reload
 * (a fresh suite), one class at a time as the outer run reaches them, through a real launcher (which
 * makes the outer run's plan known): in the outer run's order, with the outer run's configuration, and in
 * the newest generation's loader after a second schema change.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FreshSuiteTests {

  private static final String ORDER = "acme.order";
  private static final String RUNS = "acme.runs";
  private static final String FIX = "return correct(sum);\n  }\n\n  static int correct(int sum) {\n    return sum;\n  }";

  @TempDir
  Path directory;

  private TempProject project;
  private Path ledger;

  @BeforeEach
  void createProject() throws Exception {
    System.clearProperty(ORDER);
    System.clearProperty(RUNS);
    project = new TempProject(directory)
        .mainSource("acme/Ledger.java", SchemaChangeTests.LEDGER)
        .testSource("acme/LedgerTest.java", SchemaChangeTests.LEDGER_TEST)
        .testSource("acme/Order.java", """
            package acme;

            final class Order {
              static void record(String test) {
                String loader = Order.class.getClassLoader().getName();
                System.setProperty("acme.order", System.getProperty("acme.order", "") + test + "@"
                    + (loader != null && loader.startsWith("reload-loop-fresh-") ? loader : "original") + ";");
              }
            }
            """)
        .testSource("acme/BTest.java", reaching("BTest", ""))
        .testSource("acme/CTest.java", """
            package acme;

            import io.github.reloadloop.junit.ReloadLoop;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(ReloadLoop.class)
            class CTest {
              @Test
              void reachesNoLedger() {
                Order.record("CTest");
              }
            }
            """)
        .testSource("acme/DTest.java", reaching("DTest", ""));
    ledger = project.main.resolve("acme/Ledger.java");
  }

  @AfterEach
  void clearOrder() {
    System.clearProperty(ORDER);
    System.clearProperty(RUNS);
  }

  /** A test class that uses {@code Ledger} and records that it ran, with {@code extra} in its body. */
  private static String reaching(String name, String extra) {
    return """
        package acme;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class NAME {
          EXTRA
          @Test
          void usesLedger() {
            Ledger ledger = new Ledger();
            ledger.add(2);
            assertEquals(2, ledger.balance());
            Order.record("NAME");
          }
        }
        """.replace("NAME", name).replace("EXTRA", extra);
  }

  private EngineExecutionResults runAll(ScriptedConsole console, String... parameters) throws Exception {
    project.compile();
    return project.run(List.of("acme.LedgerTest", "acme.BTest", "acme.CTest", "acme.DTest"), console, parameters);
  }

  @Test
  void laterClassesRunInTheOuterRunsOrder_thoseThatReachTheChangeInOneFreshLoader() throws Exception {
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(ledger, "return sum - 1;\n  }", FIX);
      return "continue";
    });

    EngineExecutionResults results = runAll(console);

    assertThat(System.getProperty(ORDER)).as("the order the tests ran in, and their loaders")
        .isEqualTo("BTest@reload-loop-fresh-1;CTest@original;DTest@reload-loop-fresh-1;");
    assertThat(console.transcript())
        .contains("BTest: 1 test passed in a fresh class loader (reload-loop-fresh-1)")
        .contains("DTest: 1 test passed in a fresh class loader (reload-loop-fresh-1)")
        .doesNotContain("CTest: 1 test passed in a fresh class loader");
    results.testEvents().assertThatEvents()
        .haveExactly(2, event(test("usesLedger"), LauncherRecorder.reportedByJupiter(), finishedSuccessfully()))
        .haveExactly(1, event(test("reachesNoLedger"), finishedSuccessfully()));
    results.testEvents().assertStatistics(s -> s.failed(0).succeeded(2 + 1 + 1 + 1));
    LauncherRecorder.assertReportedLikeAPlainRun(results);
  }

  /**
   * Issue 32: the later classes share one nested launcher run, not one each. Each class marks, in a fresh
   * loader, the engine execution it runs in (its root context's store is one per launcher run).
   */
  @Test
  void laterClassesThatReachTheChange_shareOneNestedLauncherRun() throws Exception {
    project.testSource("acme/RunMark.java", """
            package acme;

            import java.util.UUID;
            import org.junit.jupiter.api.extension.BeforeAllCallback;
            import org.junit.jupiter.api.extension.ExtensionContext;

            public final class RunMark implements BeforeAllCallback {
              @Override
              public void beforeAll(ExtensionContext context) {
                String loader = RunMark.class.getClassLoader().getName();
                if (loader == null || !loader.startsWith("reload-loop-fresh-")) {
                  return;
                }
                String run = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent("acme.run", key -> UUID.randomUUID().toString(), String.class);
                System.setProperty("acme.runs", System.getProperty("acme.runs", "")
                    + context.getRequiredTestClass().getSimpleName() + "=" + run + ";");
              }
            }
            """);
    for (String name : List.of("BTest", "DTest", "ETest")) {
      project.testSource("acme/" + name + ".java", reaching(name, "")
          .replace("@ExtendWith(ReloadLoop.class)", "@ExtendWith({ReloadLoop.class, RunMark.class})"));
    }
    project.compile();
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(ledger, "return sum - 1;\n  }", FIX);
      return "continue";
    });

    EngineExecutionResults results = project.run(
        List.of("acme.LedgerTest", "acme.BTest", "acme.CTest", "acme.DTest", "acme.ETest"), console);

    results.testEvents().assertStatistics(s -> s.failed(0));
    assertThat(System.getProperty(ORDER)).as("the order the tests ran in, and their loaders")
        .isEqualTo("BTest@reload-loop-fresh-1;CTest@original;DTest@reload-loop-fresh-1;ETest@reload-loop-fresh-1;");
    Map<String, String> runs = Arrays.stream(System.getProperty(RUNS).split(";"))
        .collect(Collectors.toMap(mark -> mark.split("=")[0], mark -> mark.split("=")[1]));
    assertThat(runs).as("the launcher run of each class in the fresh loader").containsOnlyKeys("BTest", "DTest", "ETest");
    // BTest may come before the nested run's discovery is over, and then runs on its own; the classes after
    // it never do.
    assertThat(runs.get("ETest")).as("DTest and ETest in one nested run: %s", runs).isEqualTo(runs.get("DTest"));
  }

  @Test
  void nestedRunsTakeTheOuterRunsConfiguration() throws Exception {
    // A non-static @BeforeAll needs the per-class lifecycle, set only as a launcher parameter of the outer run.
    project.testSource("acme/BTest.java", reaching("BTest", """
        int fromBeforeAll;

          @org.junit.jupiter.api.BeforeAll
          void beforeAll() {
            fromBeforeAll = 1;
          }
        """));
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(ledger, "return sum - 1;\n  }", FIX);
      return "continue";
    });

    EngineExecutionResults results = runAll(console, "junit.jupiter.testinstance.lifecycle.default", "per_class");

    assertThat(console.transcript()).contains("BTest: 1 test passed in a fresh class loader (reload-loop-fresh-1)");
    results.testEvents().assertStatistics(s -> s.failed(0));
    assertThat(System.getProperty(ORDER)).contains("BTest@reload-loop-fresh-1;");
  }

  @Test
  void aSecondSchemaChangeMidRun_laterClassesRunInTheNewestLoader() throws Exception {
    // BTest fails in the first fresh loader; its fix changes Ledger's shape again.
    project.testSource("acme/BTest.java", reaching("BTest", "").replace("assertEquals(2, ledger.balance());",
        "assertEquals(2, ledger.balance());\n    assertEquals(3, ledger.tripled() / 2);"));
    project.mainSource("acme/Ledger.java", SchemaChangeTests.LEDGER.replace("  public int legacyBalance() {",
        "  public int tripled() {\n    return 3;\n  }\n\n  public int legacyBalance() {"));
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(ledger, "return sum - 1;\n  }", FIX);
      return "continue";
    }).then(() -> {
      TempProject.edit(ledger, "return 3;", "return times(3, 2);\n  }\n\n  static int times(int a, int b) {\n    return a * b;");
      return "continue";
    });

    EngineExecutionResults results = runAll(console);

    assertThat(console.transcript()).contains("FAILED: BTest > usesLedger()")
        .contains("ran in a fresh class loader (reload-loop-fresh-1)")
        .contains("DTest: 1 test passed in a fresh class loader (reload-loop-fresh-2)");
    assertThat(System.getProperty(ORDER)).as("the order the tests ran in, and their loaders")
        .isEqualTo("BTest@reload-loop-fresh-2;CTest@original;DTest@reload-loop-fresh-2;");
    results.testEvents().assertStatistics(s -> s.failed(0));
  }
}
