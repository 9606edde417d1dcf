package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.AutoReloaderBuilder;
import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.internal.fallback.FreshRuns;
import io.github.reloadloop.junit.internal.run.ChangeLog;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the loop does with each reload, in this order: the change is recorded (so that a command typed on
 * seeing "reloaded" sees it), the console shows it, and then, with auto-rerun on, the failure waiting at the
 * console is woken to rerun. A reload that leaves classes stale starts the next fresh suite in the background.
 *
 * <p>Threading: the reloader's thread.
 */
final class ReloadEvents {

  private final Supplier<AutoReloader> reloader;
  private final ChangeLog changes;
  private final ProjectGraph graph;
  private final FreshRuns freshRuns;
  private final BooleanSupplier autoRerun;
  private final Supplier<LoopConsole> console;
  private final ReloadListener toConsole;
  /**
   * Set when a reload changed the code with auto-rerun on, until the wake-up after the console showed it.
   * Switching auto on later is the prompt's to notice.
   */
  private boolean wakeDue;

  /**
   * @param reloader the run's reloader, waited for while it starts
   * @param console the open console, or {@code null}
   * @param toConsole shows reload events on the console
   */
  ReloadEvents(Supplier<AutoReloader> reloader, ChangeLog changes, ProjectGraph graph, FreshRuns freshRuns,
      BooleanSupplier autoRerun, Supplier<LoopConsole> console, ReloadListener toConsole) {
    this.reloader = reloader;
    this.changes = changes;
    this.graph = graph;
    this.freshRuns = freshRuns;
    this.autoRerun = autoRerun;
    this.console = console;
    this.toConsole = toConsole;
  }

  /** The reloader's settings with the loop's listeners, in their order. */
  AutoReloaderBuilder register(AutoReloaderBuilder settings) {
    return settings.listener(new ReloadListener() {
      @Override
      public void reloaded(ReloadResult result) {
        record(result);
      }
    }).listener(toConsole).listener(new ReloadListener() {
      @Override
      public void reloaded(ReloadResult result) {
        wakeForAutoRerun();
      }
    });
  }

  private void record(ReloadResult result) {
    AutoReloader source = reloader.get(); // Waits, on the reload thread, until the reloader has started.
    if (source == null) {
      return; // Closed.
    }
    int before = changes.generation();
    changes.record(result, source.status().refused());
    wakeDue = autoRerun.getAsBoolean() && changes.generation() > before; // Decided before the console shows it.
    graph.changed(result);
    if (changes.generation() > before && !changes.stale().isEmpty()) {
      freshRuns.prepare(changes.generation());
    }
  }

  /** After a reload that changed the code and was shown: the failure at the console reruns. */
  private void wakeForAutoRerun() {
    LoopConsole open = console.get();
    if (wakeDue && open != null) {
      open.wake();
    }
    wakeDue = false;
  }
}
