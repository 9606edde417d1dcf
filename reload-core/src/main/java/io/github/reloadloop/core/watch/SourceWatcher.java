package io.github.reloadloop.core.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches source roots recursively, directories created later included, and hands every created,
 * modified or deleted {@code *.java} path to a sink. Whether a path is a change or a deletion is decided
 * later, when its batch is taken, so that an editor's delete-then-create (IntelliJ's safe write) or
 * write-to-temp-then-rename reads as the change it is.
 *
 * <p>Threading: one named daemon thread, stopped by {@link #close()}.
 *
 * @since 0.1.0
 */
public final class SourceWatcher implements AutoCloseable {

  private final List<Path> roots;
  private final Consumer<Path> sink;
  private final Consumer<String> warnings;
  private final WatchService service;
  private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile long lastEventMillis = System.currentTimeMillis();

  /**
   * Registers every directory under {@code roots} and starts watching.
   *
   * @param sink receives each {@code *.java} path that was created, modified or deleted
   * @param warnings receives problems that do not stop watching (an event overflow, an unreadable directory)
   */
  public SourceWatcher(List<Path> roots, Consumer<Path> sink, Consumer<String> warnings) {
    this.roots = List.copyOf(roots);
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
      while (true) {
        WatchKey key = service.take();
        Path directory = directories.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == OVERFLOW) {
            rescanAfterOverflow();
          } else if (directory != null) {
            handle(directory.resolve((Path) event.context()), event.kind());
          }
        }
        if (!key.reset()) {
          directories.remove(key);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // close() was called: the thread ends.
      Thread.currentThread().interrupt();
    }
  }

  private void handle(Path path, WatchEvent.Kind<?> kind) {
    lastEventMillis = System.currentTimeMillis();
    if (kind == ENTRY_CREATE && Files.isDirectory(path)) {
      registerTree(path, true);
    } else if (isJavaSource(path)) {
      sink.accept(path);
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
