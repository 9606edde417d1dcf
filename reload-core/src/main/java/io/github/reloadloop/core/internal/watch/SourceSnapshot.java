package io.github.reloadloop.core.internal.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The last known size, modification time and file key of every Java source under the roots. File events
 * reach the watcher a little after the write (the JDK polls inotify on its own thread), so a caller that
 * wants every save made so far applied asks the snapshot which files differ from what was last seen.
 *
 * <p>Threading: safe to use from the watcher thread and any caller at once; a race costs a duplicate path.
 *
 * @since 0.1.0
 */
public final class SourceSnapshot {

  private record State(long size, Instant modified, Object fileKey) {}

  private final List<Path> roots;
  private final Map<Path, State> known = new ConcurrentHashMap<>();

  /** Records the current state of every source under {@code roots}. */
  public SourceSnapshot(List<Path> roots) {
    this.roots = List.copyOf(roots);
    scan().forEach(known::put);
  }

  /** Records the state {@code file} has now (or its absence): it is on its way to a batch. */
  public void seen(Path file) {
    State state = stateOf(file);
    if (state == null) {
      known.remove(file);
    } else {
      known.put(file, state);
    }
  }

  /**
   * The sources whose modification time, as recorded, is at or after {@code since} (saved after that
   * instant), with that time.
   */
  public Map<Path, Instant> modifiedSince(Instant since) {
    Map<Path, Instant> modified = new HashMap<>();
    known.forEach((file, state) -> {
      if (!state.modified().isBefore(since)) {
        modified.put(file, state.modified());
      }
    });
    return modified;
  }

  /**
   * The source modified last, as recorded: the user's next save is likely near it. {@code null} when there is
   * none.
   */
  public Path newest() {
    Path newest = null;
    Instant newestTime = null;
    for (Map.Entry<Path, State> entry : known.entrySet()) {
      Instant time = entry.getValue().modified();
      if (newestTime == null || time.isAfter(newestTime)) {
        newest = entry.getKey();
        newestTime = time;
      }
    }
    return newest;
  }

  /** The sources created, changed or deleted since they were last seen; each is seen from now on. */
  public List<Path> changes() {
    Map<Path, State> now = scan();
    List<Path> changed = new ArrayList<>();
    now.forEach((file, state) -> {
      if (!Objects.equals(known.put(file, state), state)) {
        changed.add(file);
      }
    });
    Set<Path> gone = new HashSet<>(known.keySet());
    gone.removeAll(now.keySet());
    for (Path file : gone) {
      known.remove(file);
      changed.add(file);
    }
    return changed;
  }

  private Map<Path, State> scan() {
    Map<Path, State> states = new HashMap<>();
    for (Path root : roots) {
      try (Stream<Path> tree = Files.walk(root)) {
        tree.filter(SourceWatcher::isJavaSource).forEach(file -> {
          State state = stateOf(file);
          if (state != null) {
            states.put(file, state);
          }
        });
      } catch (IOException | UncheckedIOException e) {
        // A root (or a directory in it) vanished mid-walk: what was found stands, the watcher reports the rest.
        continue;
      }
    }
    return states;
  }

  private static State stateOf(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.isRegularFile()
          ? new State(attributes.size(), attributes.lastModifiedTime().toInstant(), attributes.fileKey())
          : null;
    } catch (IOException e) {
      return null; // Gone (or unreadable): absent, which the batch reports as a deletion.
    }
  }
}
