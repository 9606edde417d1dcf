package io.github.reloadloop.core;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.core.internal.project.WorkingDirectory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The default listener: one short line per event on a stream ({@code System.err} unless told otherwise).
 *
 * @since 0.1.0
 */
public final class StandardErrorReporter implements ReloadListener {

  private static final int NAMES_SHOWN = 5;

  private final PrintStream out;

  /** Reports to {@code out}, each line prefixed with {@code [reload]}. */
  public StandardErrorReporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void compileFailed(List<CompileProblem> problems) {
    out.println("[reload] not reloaded, the old code keeps running: " + problems.size() + " compile error"
        + (problems.size() == 1 ? "" : "s"));
    problems.forEach(p -> out.println("[reload]   " + p));
  }

  @Override
  public void redefinitionRefused(List<RefusedClass> refused) {
    refused.forEach(r -> out.println("[reload] kept the old " + r.describe()));
  }

  @Override
  public void savedOutsideRoots(Path file, Path sourceRoot) {
    out.println("[reload] not reloaded: " + WorkingDirectory.display(file) + " is outside the source roots;"
        + " add " + WorkingDirectory.display(sourceRoot) + " to them (AutoReloader.builder().sourceRoots) to reload it");
  }

  @Override
  public void warning(String message) {
    out.println("[reload] " + message);
  }

  @Override
  public void reloaded(ReloadResult result) {
    if (!result.redefinedClasses().isEmpty()) {
      out.println("[reload] reloaded " + count(result.redefinedClasses().size(), "class") + result.inPlaceSuffix()
          + " in "
          + millis(result.reloadTime()) + " (" + result.compiler() + " "
          + millis(result.compileTime()) + ", redefine " + millis(result.redefineTime()) + "): "
          + names(result.redefinedClasses()));
    }
    if (!result.addedClasses().isEmpty()) {
      out.println("[reload] added " + count(result.addedClasses().size(), "new class") + ": "
          + names(result.addedClasses()));
    }
  }

  static String names(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
    return names.size() > NAMES_SHOWN ? shown + " and " + (names.size() - NAMES_SHOWN) + " more" : shown;
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
