package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The final report holds for the code on disk: a fix made for a later test can break a test that passed
 * earlier in the run; that test is rerun at the end against the current code, enters the loop when it fails,
 * and is reported as failed (naming the reload that broke it) when it stays red.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RevalidationTests {

  static final String SELECTOR = """
      package web;

      public class Selector {
        public static boolean matchesTag(String selector, String tag) {
          return normalize(selector).equals(tag);
        }

        public static boolean hasClass(String classes, String name) {
          return (" " + normalize(classes) + " ").contains(" " + name + " ");
        }

        static String normalize(String text) {
          return text.trim();
        }
      }
      """;

  static final String TAG_TEST = """
      package web;

      import static org.junit.jupiter.api.Assertions.assertTrue;

      import io.github.reloadloop.junit.ReloadLoop;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      class TagTest {
        @Test
        void matchesTag_isCaseSensitive() {
          assertTrue(Selector.matchesTag(" div ", "div"));
        }
      }
      """;

  static final String CLASS_TEST = """
      package web;

      import static org.junit.jupiter.api.Assertions.assertTrue;

      import io.github.reloadloop.junit.ReloadLoop;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      class ClassTest {
        @Test
        void hasClass_ignoresCase() {
          assertTrue(Selector.hasClass("Card Wide", "card"));
        }
      }
      """;

  static final String UNRELATED_TEST = """
      package web;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import io.github.reloadloop.junit.ReloadLoop;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      class UnrelatedTest {
        public static int runs;

        @Test
        void arithmetic() {
          runs++;
          assertEquals(4, 2 + 2);
        }
      }
      """;

  static final String BREAKING_FIX = "return text.trim();";
  static final String LOWER_CASE = "return text.trim().toLowerCase();";

  @TempDir Path directory;
  TempProject project;
  Path selector;

  @BeforeEach
  void createProject() throws Exception {
    project = new TempProject(directory)
        .mainSource("web/Selector.java", SELECTOR)
        .testSource("web/TagTest.java", TAG_TEST)
        .testSource("web/ClassTest.java", CLASS_TEST)
        .testSource("web/UnrelatedTest.java", UNRELATED_TEST)
        .compile();
    selector = project.main.resolve("web/Selector.java");
  }

  private EngineExecutionResults runAll(ScriptedConsole console) throws Exception {
    return project.run(List.of("web.UnrelatedTest", "web.TagTest", "web.ClassTest"), console);
  }

  /** The fix lower-cases what normalize returns: hasClass passes, and matchesTag(" div ", "div") still does. */
  @Test
  void fixBreaksNothing_earlierTestRevalidatedAndPasses_unrelatedTestNotRerun() throws Exception {
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(selector, BREAKING_FIX, LOWER_CASE);
      return "continue";
    });

    EngineExecutionResults results = runAll(console);

    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("matchesTag_isCaseSensitive"), finishedSuccessfully()))
        .haveExactly(1, event(test("hasClass_ignoresCase"), finishedSuccessfully()))
        .haveExactly(1, event(test("arithmetic"), finishedSuccessfully()));
    results.testEvents().assertStatistics(s -> s.failed(0));
    LauncherRecorder.assertReportedLikeAPlainRun(results); // The revalidated pass is not a second test.
    assertThat(project.staticField("web.UnrelatedTest", "runs")).as("reaches no changed class: not rerun").isEqualTo(1);
    assertThat(console.transcript()).contains("revalidating 1 test that passed before a reload")
        .contains("TagTest: 1 test revalidated, all passed")
        .contains("revalidated 1 test in 1 class: all passed");
  }

  /** The fix upper-cases: hasClass needs lower case, so it changes to a fix that breaks matchesTag instead. */
  @Test
  void fixBreaksEarlierTest_revalidationFailureEntersTheLoop_secondFixTurnsTheRunGreen() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(selector, BREAKING_FIX, "return text.trim().toLowerCase() + \"\";");
          TempProject.edit(selector, "return normalize(selector).equals(tag);",
              "return normalize(selector).equals(tag.toUpperCase());");
          return "continue";
        })
        .then(() -> {
          TempProject.edit(selector, "equals(tag.toUpperCase())", "equals(tag)");
          return "continue";
        });

    EngineExecutionResults results = runAll(console);

    assertThat(console.transcript())
        .contains("PASSED ClassTest > hasClass_ignoresCase() after 1 rerun")
        .contains("revalidating 1 test that passed before a reload and reach a class changed since")
        .contains("FAILED: TagTest > matchesTag_isCaseSensitive()")
        .containsPattern("revalidated: it passed before the reload of web.Selector at \\d\\d:\\d\\d:\\d\\d, and fails now")
        .contains("PASSED TagTest > matchesTag_isCaseSensitive() after 1 rerun");
    results.testEvents().assertStatistics(s -> s.failed(0));
    LauncherRecorder.assertReportedLikeAPlainRun(results); // Fixed at the console: the earlier pass stands.
  }

  @Test
  void fixBreaksEarlierTest_skippedAtTheConsole_reportedFailedNamingTheReload() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(selector, "return normalize(selector).equals(tag);",
              "return normalize(selector).equals(tag.toUpperCase());");
          TempProject.edit(selector, BREAKING_FIX, LOWER_CASE);
          return "continue";
        })
        .type("skip");

    EngineExecutionResults results = runAll(console);

    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("matchesTag_isCaseSensitive"), finishedSuccessfully()))
        .haveExactly(1, event(test("matchesTag_isCaseSensitive"), LauncherRecorder.reportedByReloadLoop(),
            finishedWithFailure(message(m -> m.startsWith(
                "revalidated after reloads: this test passed before the reload of web.Selector at ")
                && m.contains("and fails now: org.opentest4j.AssertionFailedError")))));
  }

  @Test
  void loopAbortedBeforeTheEnd_revalidationStillRuns_failureReportedWithoutConsole() throws Exception {
    project.testSource("web/ZTest.java", """
        package web;

        import static org.junit.jupiter.api.Assertions.fail;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class ZTest {
          @Test
          void alwaysFails() {
            fail("not today");
          }
        }
        """).compile();
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(selector, "return normalize(selector).equals(tag);",
              "return normalize(selector).equals(tag.toUpperCase());");
          TempProject.edit(selector, BREAKING_FIX, LOWER_CASE);
          return "continue";
        })
        .type("abort");

    EngineExecutionResults results = project.run(List.of("web.TagTest", "web.ClassTest", "web.ZTest"), console);

    assertThat(console.reads.get()).as("the failing ZTest once, then nothing more: the loop was aborted").isEqualTo(2);
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("alwaysFails"), finishedWithFailure(message("not today"))))
        .haveExactly(1, event(test("matchesTag_isCaseSensitive"), LauncherRecorder.reportedByReloadLoop(),
            finishedWithFailure(message(m -> m.contains("passed before the reload of web.Selector")))));
  }

  /**
   * A test that depends on static state another test left behind passes in the original loader; revalidated
   * alone in a fresh loader after a schema change, it fails: the console says where it ran and that it
   * passed against the original classes, so the user can tell a class-loader effect from a real break.
   */
  @Test
  void revalidatedInAFreshLoader_failureSaysWhereItRanAndThatItPassedInTheOriginal() throws Exception {
    project.mainSource("web/Mode.java", "package web; public class Mode { public static String current; }")
        .testSource("web/ASetsModeTest.java", """
            package web;

            import io.github.reloadloop.junit.ReloadLoop;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(ReloadLoop.class)
            class ASetsModeTest {
              @Test
              void setsMode() {
                Mode.current = "strict";
              }
            }
            """)
        .testSource("web/BReadsModeTest.java", """
            package web;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import io.github.reloadloop.junit.ReloadLoop;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(ReloadLoop.class)
            class BReadsModeTest {
              @Test
              void modeIsStrict() {
                assertEquals("strict", Mode.current);
                Selector.matchesTag("a", "a");
              }
            }
            """).compile();
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(selector, BREAKING_FIX, "return lower(text.trim());\n  }\n\n"
              + "  static String lower(String text) {\n    return text.toLowerCase();");
          return "continue";
        })
        .type("status")
        .type("skip");

    EngineExecutionResults results = project.run(List.of("web.ASetsModeTest", "web.BReadsModeTest",
        "web.ClassTest"), console);

    assertThat(console.transcript())
        .contains("PASSED ClassTest > hasClass_ignoresCase() after 1 rerun")
        .contains("FAILED: BReadsModeTest > modeIsStrict()")
        .contains("expected: <strict> but was: <null>")
        .containsPattern("ran in a fresh class loader \\(reload-loop-fresh-\\d+\\) because it reaches web.Selector, which changed shape")
        .contains("passed earlier in this run against the original classes; this may be a class-loader effect")
        .containsPattern("class loaders: +the original one for tests that reach no changed shape; reload-loop-fresh-\\d+ for the others");
    results.testEvents().assertThatEvents().haveExactly(1, event(test("modeIsStrict"),
        LauncherRecorder.reportedByReloadLoop(), finishedWithFailure()));
  }

  @Test
  void verifyAtTheConsole_rerunsTestsThatReachTheChange_showsWhatBrokeBeforeTheRunEnds() throws Exception {
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(selector, BREAKING_FIX, "return text.toLowerCase();"); // fixes hasClass, breaks matchesTag
          return "verify";
        })
        .then(() -> {
          TempProject.edit(selector, "return text.toLowerCase();", LOWER_CASE);
          return "verify";
        })
        .type("verify all")
        .type("continue");

    EngineExecutionResults results = runAll(console);

    assertThat(console.transcript())
        .containsPattern("verify: 1 test reaches Selector, 0 passed, 1 failed in \\d+\\.\\d s")
        .contains("  FAILED TagTest > matchesTag_isCaseSensitive(): org.opentest4j.AssertionFailedError")
        .containsPattern("verify: 1 test reaches Selector, 1 passed in \\d+\\.\\d s")
        .containsPattern("verify all: 2 tests, 2 passed in \\d+\\.\\d s")
        .contains("PASSED ClassTest > hasClass_ignoresCase() after 1 rerun")
        .doesNotContain("revalidating");
    results.testEvents().assertStatistics(s -> s.failed(0));
    assertThat(project.staticField("web.UnrelatedTest", "runs")).as("verify all reran it").isEqualTo(2);
  }
}
