package io.github.reloadloop.junit.internal.fallback;

import io.github.reloadloop.core.api.ReloadStatus;
import io.github.reloadloop.junit.internal.fallback.FreshClassLoader;
import io.github.reloadloop.junit.internal.fallback.ProjectClasspath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The fresh class loader in use: one per reload generation, so that every test of one generation shares
 * the same copies of the project's classes, and a reload starts anew. The previous loader is closed (its
 * classes stay usable where still referenced) and left to the garbage collector.
 */
final class FreshLoaders implements AutoCloseable {

  /**
   * What the reloader adds to the project's class directories on the class path.
   *
   * @param overlays for each class directory or jar, the reloader's directory of its newer class files
   * @param jars the jars of watched sibling modules (a module under test run alone loads them from there)
   */
  record Locations(Map<Path, Path> overlays, List<Path> jars) {

    static final Locations NONE = new Locations(Map.of(), List.of());

    static Locations of(ReloadStatus status) {
      return new Locations(status.overlayDirectories(), status.outputDirectories().values().stream()
          .filter(Files::isRegularFile).distinct().toList());
    }
  }

  private final ClassLoader parent;
  private FreshClassLoader current;
  private int currentGeneration = -1;
  private int created;

  FreshLoaders(ClassLoader parent) {
    this.parent = parent;
  }

  /** The project's class locations, with the overlay of each class directory or jar in front of it. */
  List<Path> entries(Locations locations) {
    return ProjectClasspath.of(parent, locations.overlays(), locations.jars());
  }

  /** The fresh loader of reload generation {@code generation}, created on first use. */
  synchronized FreshClassLoader current(int generation, Locations locations) {
    if (current == null || currentGeneration != generation) {
      close();
      current = new FreshClassLoader(entries(locations), parent, ++created);
      currentGeneration = generation;
    }
    return current;
  }

  /** The current fresh loader's name, or what the next one will be called. */
  synchronized String currentName() {
    return current != null ? current.getName() : "reload-loop-fresh-" + (created + 1);
  }

  @Override
  public synchronized void close() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        System.err.println("reload-loop: closing a fresh class loader failed: " + e.getMessage());
      }
      current = null;
    }
  }
}
