package io.github.reloadloop.core;

import io.github.reloadloop.core.internal.project.OutsideRoots;
import io.github.reloadloop.core.internal.project.ProjectLayout;
import io.github.reloadloop.core.internal.watch.ChangeBatcher;
import io.github.reloadloop.core.internal.watch.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a saved file goes: one below a source root joins the next batch; one elsewhere in the project is
 * reported once for the source root it would belong to ({@link ReloadListener#savedOutsideRoots}).
 *
 * <p>Threading: the watcher's thread, and callers of {@link AutoReloader#reload} and
 * {@link AutoReloader#awaitPendingReloads}.
 */
final class SavedFiles {

  private final ProjectLayout layout;
  private final ChangeBatcher batcher;
  private final SourceSnapshot snapshot;
  private final ReloadListener listener;
  /** Source roots already named in a report of a save outside the roots: each is named once. */
  private final Set<Path> reportedOutside = ConcurrentHashMap.newKeySet();

  SavedFiles(ProjectLayout layout, ChangeBatcher batcher, SourceSnapshot snapshot, ReloadListener listener) {
    this.layout = layout;
    this.batcher = batcher;
    this.snapshot = snapshot;
    this.listener = listener;
  }

  /** A file was saved (created, modified or deleted). */
  void changed(Path file) {
    if (layout.rootOf(file) == null) {
      savedOutside(file);
      return;
    }
    // Batched before it is marked seen: awaitPendingReloads' rescan skips a file already seen, so a file seen
    // but not yet batched would miss the batch it flushes (a new class compiled after its caller, which
    // then fails with "cannot find symbol"). The other order costs at most a duplicate path.
    batcher.add(file);
    snapshot.seen(file);
  }

  /** A save elsewhere in the project: reported once for the source root it would belong to. */
  private void savedOutside(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        return; // Deleted, or truncated by an editor about to write it: the next event tells.
      }
    } catch (IOException e) {
      return; // Gone meanwhile: nothing was saved that could be reloaded.
    }
    Path root = OutsideRoots.sourceRootFor(file);
    if (reportedOutside.add(root)) {
      listener.savedOutsideRoots(file, root);
    }
  }
}
