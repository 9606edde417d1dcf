package io.github.reloadloop.core;

import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.core.internal.compile.CompiledPatch;
import io.github.reloadloop.core.internal.compile.PatchCompiler;
import io.github.reloadloop.core.internal.project.WorkingDirectory;
import io.github.reloadloop.core.internal.redefine.Applied;
import io.github.reloadloop.core.internal.redefine.Applier;
import io.github.reloadloop.core.internal.redefine.Planner;
import io.github.reloadloop.core.internal.watch.ChangeSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch through the stages, in one direction: change set, compiled patch, redefinition plan, applied;
 * then the {@link OnReload} hooks and the listeners. Each stage takes the value the one before returned and
 * calls nothing of the stages before it; the compile stage's input is the change set and, when the batch's
 * files were compiled during the debounce, that tried patch ({@link EarlyCompile}). This class publishes each
 * listener event once, in the order {@link ReloadListener} promises, and records the outcome in the
 * reloader's state.
 *
 * <p>Threading: the reload thread.
 */
final class ReloadPipeline {

  private final PatchCompiler compiler;
  private final Planner planner;
  private final Applier applier;
  private final ReloadState state;
  private final ReloadListener listener;

  ReloadPipeline(PatchCompiler compiler, Planner planner, Applier applier, ReloadState state,
      ReloadListener listener) {
    this.compiler = compiler;
    this.planner = planner;
    this.applier = applier;
    this.state = state;
    this.listener = listener;
  }

  /**
   * @param early the batch's patch if its compile started before the batch was handed out (see
   *     {@link EarlyCompile}), else {@code null}: the batch is compiled now
   */
  void process(ChangeSet changes, EarlyCompile.Patch early) {
    Instant startedAt = early == null ? Instant.now() : early.startedAt();
    announce(changes);
    CompiledPatch patch = compile(changes, early);
    patch.warnings().forEach(listener::warning);
    if (!patch.succeeded()) {
      state.failed(patch.problems());
      listener.compileFailed(patch.problems());
      listener.reloaded(new ReloadResult(startedAt, patch.sources(), changes.deleted(), List.of(), List.of(),
          List.of(), List.of(), patch.problems(), patch.compiler(), patch.compileTime(), Duration.ZERO, Duration.ZERO));
      return;
    }
    if (patch.classes().isEmpty()) {
      state.nothingToCompile();
      listener.reloaded(new ReloadResult(startedAt, List.of(), changes.deleted(), List.of(), List.of(), List.of(),
          List.of(), List.of(), "", Duration.ZERO, Duration.ZERO, Duration.ZERO));
      return;
    }
    listener.compiled(patch.classNames(), patch.compileTime());
    Applied applied = applier.apply(planner.plan(patch));
    publish(changes, patch, applied, startedAt);
  }

  /** The watch stage's change set, as the listeners hear of it. */
  private void announce(ChangeSet changes) {
    List<Path> files = new ArrayList<>(changes.changed());
    files.addAll(changes.deleted());
    listener.changesDetected(List.copyOf(files));
    changes.deleted().forEach(f -> listener.warning("deleted " + WorkingDirectory.display(f)
        + ": its classes keep running their last version"));
  }

  /** The compile stage: the early patch when there is one, else a compile now; settled either way. */
  private CompiledPatch compile(ChangeSet changes, EarlyCompile.Patch early) {
    return compiler.settle(early != null ? early.tried() : compiler.tryCompile(changes.changed()));
  }

  /** After the apply stage: the state, the listeners and the {@link OnReload} hooks hear what it did. */
  private void publish(ChangeSet changes, CompiledPatch patch, Applied applied, Instant startedAt) {
    Duration reloadTime = Duration.ofNanos(applied.redefinedAtNanos() - changes.firstEventNanos());
    applied.warnings().forEach(listener::warning);
    state.applied(applied.redefined(), applied.added(), applied.refused(), reloadTime, applied.inPlace());
    if (!applied.redefined().isEmpty()) {
      listener.redefined(applied.redefined(), applied.redefineTime());
    }
    if (!applied.refused().isEmpty()) {
      listener.redefinitionRefused(applied.refused());
    }
    OnReloadHooks.run(applied.redefinedClasses(), listener);
    listener.reloaded(new ReloadResult(startedAt, patch.sources(), changes.deleted(), patch.classNames(),
        applied.redefined(), applied.added(), applied.refused(), List.of(), patch.compiler(), patch.compileTime(),
        applied.redefineTime(), reloadTime, applied.inPlace()));
  }
}
