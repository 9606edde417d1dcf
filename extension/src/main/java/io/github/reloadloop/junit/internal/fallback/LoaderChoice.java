package io.github.reloadloop.junit.internal.fallback;

import io.github.reloadloop.core.api.ReloadStatus;
import io.github.reloadloop.junit.internal.graph.ClassGraph;
import io.github.reloadloop.junit.internal.run.ChangeLog;
import io.github.reloadloop.junit.internal.run.Loaders;
import io.github.reloadloop.junit.internal.run.TestHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Which class loader a test runs in: the fresh loader of the current reload generation ({@link FreshLoaders})
 * when the test reaches a class whose newest version could not be redefined, else the original one, where
 * every other change runs redefined in place.
 *
 * <p>Threading: any thread; the fresh loaders are guarded.
 */
public final class LoaderChoice implements Loaders, AutoCloseable {

  private final ClassLoader original;
  private final ChangeLog changes;
  private final TestHistory history;
  private final Supplier<ClassGraph> graph;
  private final Supplier<ReloadStatus> reloader;
  private final FreshLoaders freshLoaders;

  /**
   * @param original the class loader the tests were loaded through when the run started
   * @param graph the project's class graph, read on first use
   * @param reloader the reloader's status, or a supplier of {@code null} while no reloader runs
   */
  public LoaderChoice(ClassLoader original, ChangeLog changes, TestHistory history, Supplier<ClassGraph> graph,
      Supplier<ReloadStatus> reloader) {
    this.original = original;
    this.changes = changes;
    this.history = history;
    this.graph = graph;
    this.reloader = reloader;
    this.freshLoaders = new FreshLoaders(original);
  }

  @Override
  public ClassLoader original() {
    return original;
  }

  @Override
  public ClassLoader fresh() {
    return freshLoaders.current(changes.generation(), locations());
  }

  /**
   * The class loader a test of {@code testClass} runs in now: a fresh one (one per reload) when it reaches
   * a class whose newest version could not be redefined, else the original one.
   */
  @Override
  public ClassLoader forTest(String testClass) {
    Set<String> stale = changes.stale();
    return stale.isEmpty() || !graph.get().reach(List.of(testClass)).reachesAny(stale) ? original : fresh();
  }

  /** The stale classes a test of {@code testClass} reaches, or none: then it runs in the original loader. */
  public Set<String> staleReachedBy(String testClass) {
    Set<String> stale = changes.stale();
    return stale.isEmpty() ? Set.of() : new TreeSet<>(graph.get().reach(List.of(testClass)).reached(stale));
  }

  @Override
  public List<String> notesFor(String uniqueId, String testClass) {
    Set<String> reached = staleReachedBy(testClass);
    if (reached.isEmpty()) {
      return List.of();
    }
    List<String> notes = new ArrayList<>();
    notes.add("ran in a fresh class loader (" + freshLoaders.currentName() + ") because it reaches "
        + String.join(", ", reached) + ", which changed shape");
    if (history.passedInOriginalLoader(uniqueId)) {
      notes.add("passed earlier in this run against the original classes; this may be a class-loader effect");
    }
    return notes;
  }

  /** The current fresh loader's name, or what the next one will be called. */
  public String currentFreshName() {
    return freshLoaders.currentName();
  }

  /**
   * The project's class locations, each after the reloader's overlay of newer class files for it, then the
   * jars of watched sibling modules: where the class graph reads the project's classes.
   */
  public List<Path> projectLocations() {
    return freshLoaders.entries(locations());
  }

  /** Whether a class always comes from the parent of a fresh loader (the JDK's, JUnit's, the loop's own). */
  public static boolean notProject(String className) {
    return FreshClassLoader.alwaysFromParent(className);
  }

  /** The reloader's class locations: overlays of newer class files, and the jars of sibling modules. */
  private FreshLoaders.Locations locations() {
    ReloadStatus status = reloader.get();
    return status == null ? FreshLoaders.Locations.NONE : FreshLoaders.Locations.of(status);
  }

  @Override
  public void close() {
    freshLoaders.close();
  }
}
