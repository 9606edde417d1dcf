package io.github.reloadloop.junit.internal.loop;

import static io.github.reloadloop.junit.internal.run.Words.plural;

import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Shows reload events on the console, above the prompt, while a failure waits there. A save outside the
 * source roots made before the console opened is shown when it opens: it explains why a later
 * {@code continue} did not pick the save up.
 */
final class ConsoleReloadListener implements ReloadListener {

  private static final int NAMES_SHOWN = 4;
  private static final int PENDING_KEPT = 10;

  private final Supplier<LoopConsole> console;
  private final Path moduleDirectory;
  private final List<String> pending = new ArrayList<>();

  /**
   * @param console the open console, or {@code null} while none is open (events are then not shown)
   * @param moduleDirectory the module under test, which relative {@code reload.dir.add} values start from
   */
  ConsoleReloadListener(Supplier<LoopConsole> console, Path moduleDirectory) {
    this.console = console;
    this.moduleDirectory = moduleDirectory.toAbsolutePath().normalize();
  }

  @Override
  public void savedOutsideRoots(Path file, Path sourceRoot) {
    String line = "not reloaded: " + relative(file) + " is outside the watched source roots; "
        + LoopConfiguration.ADD_DIRS + "=" + relative(sourceRoot) + " would include it";
    synchronized (pending) {
      if (console.get() == null) {
        if (pending.size() < PENDING_KEPT) {
          pending.add(line);
        }
        return;
      }
    }
    show(Tone.WARNING, line);
  }

  /** Shows what was reported while no console was open; called once it is. */
  void showPending() {
    List<String> lines;
    synchronized (pending) {
      lines = List.copyOf(pending);
      pending.clear();
    }
    lines.forEach(line -> show(Tone.WARNING, line));
  }

  /** A path as {@code reload.dir} takes it: relative to the module directory, within the same checkout. */
  private String relative(Path path) {
    return RootLines.display(path, moduleDirectory);
  }

  @Override
  public void compileFailed(List<CompileProblem> problems) {
    show(Tone.ERROR, "compile error, not reloaded (the old code keeps running):");
    problems.forEach(p -> show(Tone.ERROR, "  " + p));
  }

  @Override
  public void redefinitionRefused(List<RefusedClass> refused) {
    refused.forEach(r -> show(Tone.WARNING, "changed shape: " + r.describe()
        + " (continue reruns the test in a fresh class loader)"));
  }

  @Override
  public void warning(String message) {
    show(Tone.WARNING, message);
  }

  @Override
  public void reloaded(ReloadResult result) {
    if (!result.redefinedClasses().isEmpty()) {
      show(Tone.SUCCESS, "reloaded " + plural(result.redefinedClasses().size(), "class") + result.inPlaceSuffix()
          + " in "
          + result.reloadTime().toMillis() + " ms: " + names(result.redefinedClasses()));
    }
    if (!result.addedClasses().isEmpty()) {
      show(Tone.SUCCESS, "compiled " + plural(result.addedClasses().size(), "new class") + ": "
          + names(result.addedClasses()));
    }
  }

  private void show(Tone tone, String text) {
    LoopConsole open = console.get();
    if (open != null) {
      open.println(tone, text);
    }
  }

  static String names(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
    return names.size() > NAMES_SHOWN ? shown + " and " + (names.size() - NAMES_SHOWN) + " more" : shown;
  }
}
