package io.github.reloadloop.core;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Receives what an {@link AutoReloader} does, batch by batch. Every method has an empty default, so an
 * implementation overrides only what it needs.
 *
 * <p>Threading: called on the reloader's own thread, one batch at a time, in this order:
 * {@link #changesDetected}, then {@link #compileFailed} or {@link #compiled}, then {@link #redefined} and
 * {@link #redefinitionRefused}, and finally {@link #reloaded}. {@link #savedOutsideRoots} comes from the
 * watcher's thread, between batches or during one. An exception thrown by a listener is reported on
 * {@code System.err} and does not stop the reloader.
 *
 * @since 0.1.0
 */
public interface ReloadListener {

  /** A listener that does nothing. */
  ReloadListener NONE = new ReloadListener() {};

  /** Source files changed (or were deleted) and a batch starts. */
  default void changesDetected(List<Path> files) {}

  /** The batch compiled; {@code classNames} are all classes it produced. */
  default void compiled(List<String> classNames, Duration duration) {}

  /** The batch did not compile; nothing of it was applied and the old code keeps running. */
  default void compileFailed(List<CompileProblem> problems) {}

  /** These loaded classes now run the new code. */
  default void redefined(List<String> classNames, Duration duration) {}

  /** These classes changed shape; their old version keeps running (see {@link RefusedClass}). */
  default void redefinitionRefused(List<RefusedClass> refused) {}

  /**
   * A Java file was saved in the project but outside every watched root, so it is not reloaded. Called once
   * per {@code sourceRoot}, on the watcher's thread ({@code reload-loop-watch}) rather than between batches.
   *
   * @param file the saved file
   * @param sourceRoot the source root it belongs to (its directory less its package), which would include it
   */
  default void savedOutsideRoots(Path file, Path sourceRoot) {}

  /** Something worth telling that did not stop the batch (a deleted file, a failed {@link OnReload} hook). */
  default void warning(String message) {}

  /** The batch is over: everything it did, in one value. */
  default void reloaded(ReloadResult result) {}
}
