package io.github.reloadloop.junit.testkit;

import io.github.reloadloop.junit.internal.fallback.LoaderChoice;
import io.github.reloadloop.junit.internal.graph.ClassGraph;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A test hook: which test classes reach a changed class, through the class-dependency graph that
 * revalidation, {@code verify} and the choice of a fresh class loader use. The graph is read from class files
 * on first use and kept; {@link #changed} makes it read the named classes again.
 *
 * <p>Not for production code: this is a test hook, and it may change in any release.
 *
 * @since 0.1.0
 */
public final class AffectedTests {

  private final ClassGraph graph;

  private AffectedTests(ClassGraph graph) {
    this.graph = graph;
  }

  /** Over these class directories and jars, in lookup order. */
  public static AffectedTests over(List<Path> classLocations) {
    return new AffectedTests(new ClassGraph(classLocations, LoaderChoice::notProject));
  }

  /** These classes changed: their class files are read again when next reached. */
  public void changed(Collection<String> classNames) {
    graph.changed(classNames);
  }

  /** Whether {@code testClass} reaches (uses, directly or through other classes) any of {@code classNames}. */
  public boolean reaches(String testClass, Collection<String> classNames) {
    return graph.reach(List.of(testClass)).reachesAny(classNames);
  }
}
