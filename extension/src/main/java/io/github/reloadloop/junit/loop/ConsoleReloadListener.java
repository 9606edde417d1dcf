package io.github.reloadloop.junit.loop;

import io.github.reloadloop.core.CompileProblem;
import io.github.reloadloop.core.RefusedClass;
import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.core.ReloadResult;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import java.util.List;
import java.util.function.Supplier;

/** Shows reload events on the console, above the prompt, while a failure waits there. */
final class ConsoleReloadListener implements ReloadListener {

  private static final int NAMES_SHOWN = 4;

  private final Supplier<LoopConsole> console;

  /** @param console the open console, or {@code null} while none is open (events are then not shown) */
  ConsoleReloadListener(Supplier<LoopConsole> console) {
    this.console = console;
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
      show(Tone.SUCCESS, "reloaded " + plural(result.redefinedClasses().size(), "class") + " in "
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

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
  }
}
