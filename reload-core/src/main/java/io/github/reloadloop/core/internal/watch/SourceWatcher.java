package io.github.reloadloop.core.internal.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Watches source roots recursively, directories created later included, and hands every created,
 * modified or deleted {@code *.java} path to a sink. Whether a path is a change or a deletion is decided
 * later, when its batch is taken, so that an editor's delete-then-create (IntelliJ's safe write) or
 * write-to-temp-then-rename reads as the change it is.
 *
 * <p>It can also watch the rest of a project directory, so that a save outside every root is noticed: there
 * it skips what a predicate prunes (build output, hidden directories) and registers at most
 * {@value #MAX_PROJECT_DIRECTORIES} directories, so that a large checkout stays cheap.
 *
 * <p>Threading: one named daemon thread, stopped by {@link #close()}.
 *
 * @since 0.1.0
 */
public final class SourceWatcher implements AutoCloseable {

  /** The most directories registered outside the roots (each costs an inotify watch). */
  static final int MAX_PROJECT_DIRECTORIES = 2_000;

  private final List<Path> roots;
  private final Predicate<Path> pruned;
  private final Consumer<Path> sink;
  private final Consumer<String> warnings;
  private final WatchService service;
  private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
  /** Keys of directories outside the roots: a directory created there is registered with pruning. */
  private final Set<WatchKey> outside = ConcurrentHashMap.newKeySet();
  private final Path project;
  private final Thread thread;
  private volatile long lastEventMillis = System.currentTimeMillis();
  private boolean warnedOfSize;

  /**
   * Registers every directory under {@code roots} and starts watching.
   *
   * @param sink receives each {@code *.java} path that was created, modified or deleted
   * @param warnings receives problems that do not stop watching (an event overflow, an unreadable directory)
   */
  public SourceWatcher(List<Path> roots, Consumer<Path> sink, Consumer<String> warnings) {
    this(roots, null, p -> true, sink, warnings);
  }

  /**
   * Registers every directory under {@code roots} and starts watching; then, on the watcher's thread, the
   * directories of {@code project} outside the roots that {@code pruned} does not exclude.
   *
   * @param project a directory whose saves outside the roots are reported too, or {@code null}
   * @param pruned directories of the project not to watch, with everything below them
   * @param sink receives each {@code *.java} path that was created, modified or deleted, in or outside the roots
   * @param warnings receives problems that do not stop watching (an event overflow, an unreadable directory)
   */
  public SourceWatcher(List<Path> roots, Path project, Predicate<Path> pruned, Consumer<Path> sink,
      Consumer<String> warnings) {
    this.roots = List.copyOf(roots);
    this.pruned = pruned;
    this.sink = sink;
    this.warnings = warnings;
    try {
      this.service = FileSystems.getDefault().newWatchService();
      for (Path root : this.roots) {
        registerTree(root, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + roots, e);
    }
    this.project = project;
    this.thread = new Thread(this::run, "reload-loop-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether {@code file} is a Java source this watcher cares about. */
  public static boolean isJavaSource(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".java") && !name.startsWith(".") && name.length() > ".java".length();
  }

  private void run() {
    try {
      if (project != null) {
        // On this thread rather than in the constructor: the rest of the checkout only gives hints, and a large
        // one should not delay the start. Events wait until it is done.
        registerOutside(project, false);
      }
      while (true) {
        WatchKey key = service.take();
        Path directory = directories.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == OVERFLOW) {
            rescanAfterOverflow();
          } else if (directory != null) {
            handle(directory.resolve((Path) event.context()), event.kind(), outside.contains(key));
          }
        }
        if (!key.reset()) {
          directories.remove(key);
          outside.remove(key);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // close() was called: the thread ends.
      Thread.currentThread().interrupt();
    }
  }

  private void handle(Path path, WatchEvent.Kind<?> kind, boolean outsideRoots) {
    lastEventMillis = System.currentTimeMillis();
    if (kind == ENTRY_CREATE && Files.isDirectory(path)) {
      if (!outsideRoots) {
        registerTree(path, true);
      } else if (!pruned.test(path)) {
        registerOutside(path, true);
      }
    } else if (isJavaSource(path)) {
      sink.accept(path);
    }
  }

  /**
   * Registers the directories of a tree outside the roots: neither pruned ones nor the roots (registered on
   * their own), with what is below them; at most {@value #MAX_PROJECT_DIRECTORIES} in all.
   *
   * @param announce whether to report the sources found (they arrived before the directory was registered)
   */
  private void registerOutside(Path top, boolean announce) {
    try {
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
          if (roots.stream().anyMatch(directory::startsWith) || !directory.equals(top) && pruned.test(directory)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (outside.size() >= MAX_PROJECT_DIRECTORIES) {
            if (!warnedOfSize) {
              warnedOfSize = true;
              warnings.accept("the project has more than " + MAX_PROJECT_DIRECTORIES + " directories outside the"
                  + " source roots; saves outside the roots are noticed in the first " + MAX_PROJECT_DIRECTORIES);
            }
            return FileVisitResult.TERMINATE;
          }
          try {
            WatchKey key = directory.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            directories.put(key, directory);
            outside.add(key);
          } catch (IOException e) {
            // Unreadable or gone: saves there go unnoticed, which costs a hint, not a reload.
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (announce && isJavaSource(file)) {
            sink.accept(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // As above: an unreadable directory is left out.
        }
      });
    } catch (IOException e) {
      warnings.accept("cannot watch " + top + " for saves outside the source roots: " + e.getMessage());
    }
  }

  /** Registers a directory tree; {@code announce} reports files already in it (they arrived before the watch). */
  private void registerTree(Path top, boolean announce) {
    try (Stream<Path> tree = Files.walk(top)) {
      tree.forEach(path -> {
        if (Files.isDirectory(path)) {
          register(path);
        } else if (announce && isJavaSource(path)) {
          sink.accept(path);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      warnings.accept("cannot watch " + top + ": " + e.getMessage());
    }
  }

  private void register(Path directory) {
    try {
      directories.put(directory.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), directory);
    } catch (IOException e) {
      warnings.accept("cannot watch " + directory + ": " + e.getMessage());
    }
  }

  /** The kernel dropped events: report every source touched since shortly before the last event seen. */
  private void rescanAfterOverflow() {
    warnings.accept("too many file events at once; rescanning the source roots");
    FileTime since = FileTime.fromMillis(lastEventMillis - 2_000);
    for (Path root : roots) {
      registerTree(root, false);
      try (Stream<Path> tree = Files.walk(root)) {
        tree.filter(SourceWatcher::isJavaSource).filter(p -> modifiedAfter(p, since)).forEach(sink);
      } catch (IOException | UncheckedIOException e) {
        warnings.accept("cannot rescan " + root + ": " + e.getMessage());
      }
    }
  }

  private static boolean modifiedAfter(Path file, FileTime since) {
    try {
      return Files.getLastModifiedTime(file).compareTo(since) >= 0;
    } catch (IOException e) {
      return true; // Vanished or unreadable: let the batch decide what it is.
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      warnings.accept("closing the file watcher failed: " + e.getMessage());
    }
    thread.interrupt();
  }
}
