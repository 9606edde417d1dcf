package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.console.Commands;
import io.github.reloadloop.junit.internal.examine.FailureReport;
import io.github.reloadloop.junit.internal.run.FailedTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/** How a failure looks at the console: the failed test, the exception near the user's code, what to do next. */
final class FailureView {

  private FailureView() {}

  /**
   * Shows a failure.
   *
   * @param title what failed, after {@code FAILED}: {@code ": CalculatorTests > adds()"} ({@link #title})
   * @param rerunning what reruns after a fix: {@code the test}, or the failed phase
   * @param notes lines shown under it
   * @param roots the source roots: frames in files under them are the user's
   * @param autoRerun whether a reload that applies reruns the test by itself
   */
  static void show(LoopConsole console, String title, String rerunning, Throwable failure, List<String> notes,
      List<Path> roots, boolean autoRerun) {
    console.println(Tone.ERROR, "FAILED" + title);
    console.println(Tone.PLAIN, String.join("\n", FailureReport.describe(failure, roots)));
    notes.forEach(note -> console.println(Tone.WARNING, note));
    console.println(Tone.INFO, autoRerun
        ? "Fix the code and save: " + rerunning + " reruns by itself (auto on). Or type " + Commands.usage() + "."
        : "Fix the code and save; then type " + Commands.usage() + ".");
  }

  /**
   * What failed, after {@code FAILED}: {@code ": CalculatorTests > adds()"}, {@code " in @BeforeEach:
   * CalculatorTests > adds()"} for a test rerun whole after its {@code @BeforeEach} failed, {@code ": the
   * Spring context of OrderTests"} for a phase that reruns on its own.
   */
  static String title(FailedTest test) {
    if (test.phase().equals(FailedTest.TEST) || test.rerun() != null) {
      return ": " + test.what();
    }
    return " in " + test.phase() + ": " + test.name();
  }

  /** What reruns after a fix: the test, or the phase that failed. */
  static String rerunning(FailedTest test) {
    return test.rerun() == null ? "the test" : test.phase();
  }

  /** Compile errors of earlier saves: their changes are not running. */
  static void showOutstanding(LoopConsole console, List<CompileProblem> problems) {
    if (!problems.isEmpty()) {
      console.println(Tone.WARNING, "outstanding compile errors (the old code keeps running):");
      problems.forEach(p -> console.println(Tone.WARNING, "  " + p));
    }
  }

  /** The class that declares the test of {@code context} (a dynamic test's is its factory's). */
  static String testClassOf(ExtensionContext context) {
    for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
      if (at.get().getTestClass().isPresent()) {
        return at.get().getTestClass().get().getName();
      }
    }
    return "";
  }

  /** {@code CalculatorTests > adds > [2] 3} from the class down to the test. */
  static String testName(ExtensionContext context) {
    List<String> parts = new ArrayList<>();
    for (ExtensionContext c = context; c != null && c.getParent().isPresent(); c = c.getParent().get()) {
      parts.add(0, c.getDisplayName());
    }
    return String.join(" > ", parts);
  }
}
