/**
 * The watch stage: recursive source watching ({@link SourceWatcher}) and debouncing into {@link ChangeSet}s,
 * including the grace period that keeps an editor's delete-then-create from reading as a deletion; the early
 * hand-out of an editor's save ({@link ChangeBatcher.Early}). Knows nothing of compiling.
 *
 * <p>Internal, do not use: public only for the classes that wire the stages; these types may change in any
 * release.
 */
package io.github.reloadloop.core.internal.watch;
