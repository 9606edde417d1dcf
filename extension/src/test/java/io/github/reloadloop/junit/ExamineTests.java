package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code where}, {@code fields} and {@code eval} at the console, through the real Jupiter engine, a real
 * project compiled with javac, real JShell and real reloading; only the console's input is scripted. The
 * test class is package-private with private fields, as JUnit 5 tests usually are.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExamineTests {

  static final String LEDGER = """
      package shop;

      import java.util.ArrayList;
      import java.util.List;

      class Ledger {
        private final List<Integer> entries = new ArrayList<>();

        void add(int amount) {
          entries.add(amount);
        }

        int balance() {
          return entries.stream().mapToInt(i -> i).sum() + 1;
        }

        List<Integer> entries() {
          return entries;
        }
      }
      """;

  static final String LEDGER_TEST = """
      package shop;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import io.github.reloadloop.junit.ReloadLoop;
      import java.util.concurrent.atomic.AtomicInteger;
      import org.junit.jupiter.api.BeforeEach;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      class LedgerTest {
        private final Ledger ledger = new Ledger();
        private String owner = "Grace";

        @BeforeEach
        void fill() {
          ledger.add(5);
          ledger.add(10);
        }

        @Test
        void balanceSumsEntries() {
          assertEquals(15, ledger.balance(), "balance of " + owner);
        }

        private int twice(int x) {
          return 2 * x;
        }

        static Process blocker;

        /** Waits for input that never comes, in a native read that neither Thread.stop nor an interrupt ends. */
        static int waitForInput() throws Exception {
          blocker = new ProcessBuilder("sleep", "600").start();
          return blocker.getInputStream().read();
        }
      }
      """;

  @TempDir Path directory;
  TempProject project;
  Path ledger;

  @BeforeEach
  void createProject() throws Exception {
    project = new TempProject(directory)
        .mainSource("shop/Ledger.java", LEDGER)
        .testSource("shop/LedgerTest.java", LEDGER_TEST)
        .compile();
    ledger = project.main.resolve("shop/Ledger.java");
  }

  @Test
  void whereFieldsAndHelp_traceWithTheUsersFramesMarked_privateFieldsWithValues_newCommandsListed() throws Exception {
    ScriptedConsole console = new ScriptedConsole().type("where").type("fields").type("help").type("skip");

    project.run("shop.LedgerTest", console);

    assertThat(console.transcript())
        .contains("org.opentest4j.AssertionFailedError: balance of Grace ==> expected: <15> but was: <16>")
        .containsPattern("  > shop\\.LedgerTest\\.balanceSumsEntries  \\S*src/test/java/shop/LedgerTest\\.java:24")
        .containsPattern("\\.\\.\\. \\d+ frames? in org\\.junit")
        .doesNotContain("at org.junit.jupiter.engine")
        .contains("test: LedgerTest (the failing run)")
        .containsPattern("ledger +Ledger +shop\\.Ledger@")
        .containsPattern("owner +String +\"Grace\"")
        .contains("failure: org.opentest4j.AssertionFailedError")
        .contains("message  \"balance of Grace ==> expected: <15> but was: <16>\"")
        .contains("where     w ", "fields    f ", "eval      p   <Java>");
  }

  @Test
  void eval_liveTestInstance_valuesStateOutputAndBadInput() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .type("p test.ledger.balance()")
        .type("eval test.ledger.entries()")
        .type("p test.twice(21)")
        .type("p failure.getMessage()")
        .type("p int base = test.ledger.balance()")
        .type("p int doubled(int x) { return 2 * x; }")
        .type("p doubled(base)")
        .type("p base +* 2")
        .type("p new Frobnicator()")
        .type("p test.ledger.entries().get(7)")
        .type("p System.out.println(\"owner is \" + test.owner); System.out.print(\"no newline\")")
        .type("p switch (test.ledger.entries().size()) { case 1 -> \"one\"; case 2 -> \"two\"; default -> \"more\"; }")
        .type("p test.ledger.entries().stream().map(i -> test.twice(i)).toList()")
        .type("p test.owner = \"Ada\"")
        .type("fields")
        .type("skip");
    Map<Path, FileTime> before = files(project.directory);

    EngineExecutionResults results = project.run("shop.LedgerTest", console);

    assertThat(console.lines()).containsSubsequence(
        "  typed: p test.ledger.balance()", "$1 ==> 16",
        "  typed: eval test.ledger.entries()", "$2 ==> [5, 10]",
        "  typed: p test.twice(21)", "$3 ==> 42",
        "  typed: p failure.getMessage()", "$4 ==> \"balance of Grace ==> expected: <15> but was: <16>\"",
        "base ==> 16", "created method doubled(int)", "$5 ==> 32",
        "  typed: p base +* 2", "error: illegal start of expression", "  base +* 2", "        ^",
        "  typed: p new Frobnicator()", "error: cannot find symbol",
        "  typed: p test.ledger.entries().get(7)",
        "threw java.lang.IndexOutOfBoundsException: Index 7 out of bounds for length 2",
        "owner is Grace", "no newline",
        "  typed: fields");
    assertThat(console.transcript())
        .contains("Frobnicator is not known here: no such class on the test class path")
        .containsPattern("\\$\\d+ ==> \"two\"")
        .containsPattern("\\$\\d+ ==> \\[10, 20]")
        .containsPattern("owner +String +\"Ada\"");
    assertThat(files(project.directory)).as("sources and build output after eval").isEqualTo(before);
    results.testEvents().assertThatEvents().haveExactly(1, event(test("balanceSumsEntries"), finishedWithFailure()));
  }

  @Test
  void eval_runawayLoops_stoppedByCtrlCAndByTheTimeLimit_andTheConsoleStillWorks() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .typeThenCtrlC("p while (true) {}")
        .type("p test.ledger.balance()")
        .type("p for (long i = 0; ; i++) {}")
        .type("p 1 + 1")
        .type("skip");

    EngineExecutionResults results = project.run("shop.LedgerTest", console, "reload.eval.timeout", "1 s");

    assertThat(console.lines()).containsSubsequence("  typed: p while (true) {}", "  pressed: Ctrl-C",
        "stopped by Ctrl-C", "  typed: p test.ledger.balance()", "$1 ==> 16",
        "  typed: p for (long i = 0; ; i++) {}", "stopped by the time limit of 1 s (reload.eval.timeout)",
        "  typed: p 1 + 1", "$2 ==> 2");
    results.testEvents().assertThatEvents().haveExactly(1, event(test("balanceSumsEntries"), finishedWithFailure()));
  }

  @Test
  void eval_thatDoesNotStop_leftRunningOnADaemonThread_nextEvalInANewJShell() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .type("p int kept = 7")
        .type("p LedgerTest.waitForInput()")
        .type("p kept")
        .type("p test.ledger.balance()")
        .type("skip");

    EngineExecutionResults results = project.run("shop.LedgerTest", console, "reload.eval.timeout", "1 s");

    Process blocker = (Process) project.staticField("shop.LedgerTest", "blocker");
    try {
      assertThat(console.lines()).containsSubsequence("  typed: p LedgerTest.waitForInput()",
          "stopped by the time limit of 1 s (reload.eval.timeout)", "  typed: p kept");
      assertThat(console.lines()).anyMatch(line -> line.startsWith("it did not stop and runs on in the background"));
      assertThat(shownAfter(console, "  typed: p kept")).as("the new JShell has no variables")
          .noneMatch(line -> line.contains("==> 7"));
      assertThat(shownAfter(console, "  typed: p test.ledger.balance()")).as("a new JShell: numbering starts anew")
          .contains("$1 ==> 16");
      List<Thread> stuck = Thread.getAllStackTraces().entrySet().stream()
          .filter(e -> Stream.of(e.getValue()).anyMatch(f -> f.getMethodName().equals("waitForInput")))
          .map(Map.Entry::getKey).toList();
      assertThat(stuck).as("the evaluation left running").hasSize(1).allMatch(Thread::isDaemon);
    } finally {
      blocker.destroy();
    }
    results.testEvents().assertThatEvents().haveExactly(1, event(test("balanceSumsEntries"), finishedWithFailure()));
  }

  @Test
  void testClassInTheDefaultPackage_boundAsObject() throws Exception {
    TempProject plain = new TempProject(directory.resolve("plain"))
        .mainSource("Greeter.java", "public class Greeter {}")
        .testSource("PlainTest.java", """
            import static org.junit.jupiter.api.Assertions.assertEquals;

            import io.github.reloadloop.junit.ReloadLoop;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(ReloadLoop.class)
            class PlainTest {
              private String owner = "Grace";

              @Test
              void ownerIsAda() {
                assertEquals("Ada", owner);
              }
            }
            """)
        .compile();
    ScriptedConsole console = new ScriptedConsole()
        .type("p test.getClass().getName()")
        .type("p test.owner")
        .type("skip");

    plain.run("PlainTest", console);

    assertThat(shownAfter(console, "  typed: p test.getClass().getName()")).as("test is bound")
        .contains("$1 ==> \"PlainTest\"");
    assertThat(String.join("\n", shownAfter(console, "  typed: p test.owner"))).as("as Object: no field to name")
        .contains("cannot find symbol").contains("variable owner").contains("java.lang.Object");
  }

  @Test
  void eval_afterASavedFix_showsTheFixedResult_thenContinuePasses() throws Exception {
    ScriptedConsole console = new ScriptedConsole();
    console.type("p test.ledger.balance()")
        .then(() -> {
          TempProject.edit(ledger, "sum() + 1", "sum()");
          console.awaitTranscript("reloaded 1 class");
          return "p test.ledger.balance()";
        })
        .type("continue");

    EngineExecutionResults results = project.run("shop.LedgerTest", console);

    assertThat(console.lines()).containsSubsequence("$1 ==> 16", "  typed: p test.ledger.balance()", "$2 ==> 15");
    results.testEvents().assertThatEvents().haveExactly(1, event(test("balanceSumsEntries"), finishedSuccessfully()));
  }

  @Test
  void eval_afterARerunInAFreshClassLoader_examinesTheRerunsInstance_andKeepsMethods() throws Exception {
    ScriptedConsole console = new ScriptedConsole();
    console.type("p int doubled(int x) { return 2 * x; }")
        .then(() -> {
          TempProject.edit(ledger, "return entries.stream().mapToInt(i -> i).sum() + 1;",
              "return adjusted(entries.stream().mapToInt(i -> i).sum());\n  }\n\n  int adjusted(int sum) {\n"
                  + "    return sum + 2;");
          console.awaitTranscript("changed shape");
          return "continue";
        })
        .type("fields")
        .type("p test.ledger.balance()")
        .type("p doubled(test.ledger.balance())")
        .type("skip");

    project.run("shop.LedgerTest", console);

    assertThat(console.transcript())
        .contains("test: LedgerTest (rerun 1 in fresh class loader 1; its @AfterEach has run)")
        .contains("test now comes from another class loader")
        .contains("expected: <15> but was: <17>");
    assertThat(console.lines()).containsSubsequence("  typed: p test.ledger.balance()", "$1 ==> 17",
        "  typed: p doubled(test.ledger.balance())", "$2 ==> 34");
  }

  @Test
  void rerunFailsAnew_fieldsEvalAndWhere_showTheRerunsFailureNotTheFirst() throws Exception {
    ScriptedConsole console = new ScriptedConsole();
    List<List<String>> completed = new ArrayList<>();
    console.type("p failure.getMessage()")
        .type("p test.owner = \"Ada\"")
        .then(() -> {
          TempProject.edit(ledger, "sum() + 1", "sum() + 2");
          return "continue";
        })
        .type("fields")
        .type("p failure.getMessage()")
        .type("p test.owner")
        .then(() -> {
          completed.add(console.complete("test.own"));
          return "where";
        })
        .type("skip");

    EngineExecutionResults results = project.run("shop.LedgerTest", console);

    String first = "expected: <15> but was: <16>";
    String rerun = "balance of Grace ==> expected: <15> but was: <17>";
    assertThat(console.transcript()).as("p failure before the rerun").contains("$1 ==> \"balance of Grace ==> " + first);
    assertThat(shownAfter(console, "  typed: fields")).as("fields after the failed rerun")
        .contains("test: LedgerTest (rerun 1; its @AfterEach has run)", "  message  \"" + rerun + "\"")
        .anyMatch(line -> line.matches(" +owner +String +\"Grace\""))
        .noneMatch(line -> line.contains(first));
    assertThat(shownAfter(console, "  typed: p failure.getMessage()")).as("p failure after the failed rerun")
        .contains("$3 ==> \"" + rerun + "\"")
        .noneMatch(line -> line.contains(first));
    assertThat(shownAfter(console, "  typed: p test.owner")).as("p test: the rerun's instance, not the one set to Ada")
        .contains("$4 ==> \"Grace\"");
    assertThat(shownAfter(console, "  typed: where")).as("where after the failed rerun")
        .startsWith("org.opentest4j.AssertionFailedError: " + rerun)
        .noneMatch(line -> line.contains(first));
    results.testEvents().assertThatEvents().haveExactly(1, event(test("balanceSumsEntries"),
        finishedWithFailure(message(rerun))));
    assertThat(completed).as("Tab after p test.own: JShell's completion, registered by the loop").containsExactly(
        List.of("owner"));
  }

  /** What the console showed after the last line {@code typed}, up to the next prompt. */
  private static List<String> shownAfter(ScriptedConsole console, String typed) {
    List<String> lines = console.lines();
    int start = lines.lastIndexOf(typed);
    assertThat(start).as("'%s' in the transcript:%n%s", typed, console.transcript()).isNotNegative();
    List<String> shown = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.equals("reload> ")) {
        break;
      }
      shown.add(line);
    }
    return shown;
  }

  /** Every file under {@code directory} with its modification time. */
  private static Map<Path, FileTime> files(Path directory) throws IOException {
    Map<Path, FileTime> files = new TreeMap<>();
    try (Stream<Path> tree = Files.walk(directory)) {
      for (Path file : tree.filter(Files::isRegularFile).toList()) {
        files.put(directory.relativize(file), Files.getLastModifiedTime(file));
      }
    }
    return files;
  }
}
