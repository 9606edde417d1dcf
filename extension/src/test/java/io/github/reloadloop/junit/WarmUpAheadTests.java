package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * With {@code reload.warmup=start} (the default) the reloader starts held two seconds into the run: its compiler
 * warms up, but a save made while tests pass changes nothing in the run (the first test watches for 5 s); at the
 * first failure the reloader is released and that save is reloaded with the fix.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WarmUpAheadTests {

  private static final String LABELS = """
      package shop;

      public class Labels {
        public static String label() {
          return "old";
        }

        public static int price() {
          return 41;
        }
      }
      """;

  /** A first test that saves a change to {@code Labels} and sees the run keep the built code; a failing second. */
  private static String labelsTest(Path labels) {
    return """
        package shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import io.github.reloadloop.junit.ReloadLoop;
        import java.nio.file.Files;
        import java.nio.file.Path;
        import org.junit.jupiter.api.MethodOrderer;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.TestMethodOrder;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        @TestMethodOrder(MethodOrderer.MethodName.class)
        class LabelsTest {
          @Test
          void a_saveWhileTestsPass_runKeepsTheBuiltCode() throws Exception {
            Path source = Path.of("%s");
            Files.writeString(source, Files.readString(source).replace("\\"old\\"", "\\"new\\""));
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end) {
              assertEquals("old", Labels.label(), "a save changed the run before any failure");
              Thread.sleep(50);
            }
          }

          @Test
          void b_price() {
            assertEquals(42, Labels.price());
          }
        }
        """.formatted(labels.toString().replace("\\\\", "\\\\\\\\"));
  }

  @TempDir Path directory;

  @Test
  void saveWhileTestsPass_untouchedUntilAFailure_thenReloadedWithTheFix() throws Exception {
    Path labels = directory.resolve("src/main/java/shop/Labels.java");
    TempProject project = new TempProject(directory)
        .mainSource("shop/Labels.java", LABELS)
        .testSource("shop/LabelsTest.java", labelsTest(labels))
        .compile();
    ScriptedConsole console = new ScriptedConsole()
        .then(() -> {
          TempProject.edit(labels, "return 41;", "return 42;");
          return "continue";
        });

    EngineExecutionResults results = project.run("shop.LabelsTest", console);

    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("a_saveWhileTestsPass_runKeepsTheBuiltCode"), finishedSuccessfully()))
        .haveExactly(1, event(test("b_price"), finishedSuccessfully()));
    assertThat(Files.readString(labels)).contains("\"new\"");
    assertThat(console.transcript())
        .as("the held save and the fix, reloaded together at the failure")
        .contains("reloaded 1 class in")
        .contains("PASSED LabelsTest > b_price() after 1 rerun");
    assertThat(project.loadedClass("shop.Labels").getMethod("label").invoke(null))
        .as("the save made while tests passed, reloaded at the failure").isEqualTo("new");
  }
}
