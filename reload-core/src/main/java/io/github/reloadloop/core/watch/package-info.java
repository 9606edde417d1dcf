/**
 * The watch stage: recursive source watching ({@link io.github.reloadloop.core.watch.SourceWatcher}) and
 * debouncing into {@link io.github.reloadloop.core.watch.ChangeSet}s, including the grace period that keeps
 * an editor's delete-then-create from reading as a deletion. Knows nothing of compiling.
 *
 * <p>Internal, do not use: these types may change in any release.
 */
package io.github.reloadloop.core.watch;
