package io.github.reloadloop.core.internal.watch;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One batch of source changes, as the watcher saw them once the sources went quiet.
 *
 * @param changed source files that exist now: created or modified (an editor's delete-then-create included)
 * @param deleted source files that were gone and did not come back within the delete grace period
 * @param firstEventNanos when the first file event of the batch arrived ({@link BatchClock#nanoTime()}): the
 *     save, from which the reload's time is measured
 * @param lastEventNanos when the last file event of the batch arrived: work started on the batch's files
 *     before then (see {@link ChangeBatcher.Early}) may have read them half-written
 * @param flushes requests to hand out what was pending, to complete once the batch has been processed
 */
public record ChangeSet(List<Path> changed, List<Path> deleted, long firstEventNanos, long lastEventNanos,
    List<CompletableFuture<Void>> flushes) {

  public ChangeSet {
    changed = List.copyOf(changed);
    deleted = List.copyOf(deleted);
    flushes = List.copyOf(flushes);
  }

  /** Whether the batch names no file (it only answers flushes). */
  public boolean isEmpty() {
    return changed.isEmpty() && deleted.isEmpty();
  }

  /** Tells everyone who asked for this batch that it has been processed. */
  public void completeFlushes() {
    flushes.forEach(flush -> flush.complete(null));
  }
}
