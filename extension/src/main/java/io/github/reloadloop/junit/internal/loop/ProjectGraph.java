package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.junit.internal.graph.ClassGraph;
import io.github.reloadloop.junit.internal.platform.OuterPlans;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The project's class-dependency graph for one run, read from the class directories and sibling modules' jars
 * (newer class files first) on first use, and the work done on it in the background: reading ahead what the
 * classes still to come reach, and naming the classes near a failing test to the reloader.
 *
 * <p>Threading: any thread; {@link ClassGraph} is synchronized.
 */
final class ProjectGraph implements Supplier<ClassGraph> {

  /** How many classes near a failing test class are prepared for their first reload. */
  private static final int NEAR_CLASSES = 32;

  private final Supplier<List<Path>> locations;
  private final Predicate<String> notProject;
  private volatile ClassGraph graph;

  /**
   * @param locations the project's class locations in lookup order, read when the graph is first used
   * @param notProject classes that are never the project's (the JDK's, JUnit's, the loop's own)
   */
  ProjectGraph(Supplier<List<Path>> locations, Predicate<String> notProject) {
    this.locations = locations;
    this.notProject = notProject;
  }

  /** The graph, read on first use. */
  @Override
  public ClassGraph get() {
    ClassGraph known = graph;
    if (known == null) {
      synchronized (this) {
        if (graph == null) {
          graph = new ClassGraph(locations.get(), notProject);
        }
        known = graph;
      }
    }
    return known;
  }

  /** A reload changed these classes: the graph, if read, reads them again when next reached. */
  void changed(ReloadResult result) {
    ClassGraph known = graph;
    if (known != null) {
      List<String> changed = new ArrayList<>(result.redefinedClasses());
      changed.addAll(result.addedClasses());
      result.refused().forEach(r -> changed.add(r.className()));
      known.changed(changed);
    }
  }

  /**
   * Reads, in the background, the class files that the outer run's classes still to come reach, so that
   * the first schema-changing reload finds the class graph built (a fresh suite lists its classes through
   * it) instead of reading the project's class files then.
   *
   * @param plan the outer run's plan, or {@code null} when unknown (then nothing is read ahead)
   * @param closed whether the run is over, when reading ahead stops
   */
  void warm(TestPlan plan, BooleanSupplier closed) {
    if (plan == null) {
      return;
    }
    Thread warm = new Thread(() -> {
      ClassGraph classes = get();
      for (TestIdentifier type : OuterPlans.upcoming(plan)) {
        if (closed.getAsBoolean()) {
          return;
        }
        OuterPlans.className(type).ifPresent(name -> classes.reach(List.of(name)));
      }
    }, "reload-loop-graph");
    warm.setDaemon(true);
    warm.start();
  }

  /**
   * Tells the reloader, in the background, which classes a fix for a failure of {@code testClass} most likely
   * edits besides those in the failure's stack trace: the project classes the test class reaches, nearest
   * first. An assertion that fails in the test names only the test in its stack trace, while the fix goes
   * into the class under test. Reading the class graph can take a moment in a big project; the console does
   * not wait for it.
   */
  void expectEditsNear(AutoReloader target, String testClass) {
    Thread near = new Thread(() -> {
      try {
        target.expectEdits(get().nearest(testClass, NEAR_CLASSES));
      } catch (RuntimeException e) {
        // Only ahead-of-time work: the first reload of these classes does it itself.
      }
    }, "reload-loop-near");
    near.setDaemon(true);
    near.start();
  }
}
