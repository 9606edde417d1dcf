package io.github.reloadloop.core.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of an {@link io.github.reloadloop.core.AutoReloader}'s state, for a {@code status} command or a health check.
 *
 * @param sourceRoots the watched directories
 * @param outputDirectories the build's class directory for each root that has one (never written to)
 * @param overlayDirectories for each class directory, the reloader's own directory where it writes patched
 *     and new class files; a class loader that should see the newest code searches it before the class
 *     directory (a class directory whose overlay could not be created is missing here)
 * @param releases for each root, the Java release a new class is compiled for: the release most of the
 *     root's classes were built for (a changed class keeps the release its class file says)
 * @param compiler the compiler patches are built with ({@code javac}, {@code ecj}, or {@code auto: javac})
 * @param agent where class redefinition comes from, or why it is unavailable
 * @param enhancedRedefinition whether this JVM redefines schema changes in place
 * @param reloadedClasses every class redefined so far, in order of first reload
 * @param reloads batches applied so far
 * @param problems outstanding compile problems: the latest changes of these files are not applied
 * @param refused classes whose newest version changed shape and is not running, by class name
 * @param recentReloadTimes the last few reloads' times from the save (the watcher's first file event of the
 *     batch) to the end of redefinition, oldest first
 * @param modules for each root in a Maven or Gradle module, the module's name (its artifact id, else its
 *     directory's name)
 * @param notWatched the project's class directories and jars on the class path whose sources are not watched,
 *     each with the reason (outside any module, not a build's class directory, sources not among the roots)
 * @param prepared classes read ahead of their first reload ({@link AutoReloader#expectEdits}), in order; a read
 *     never changes the class
 * @param notPrepared classes named by {@link AutoReloader#expectEdits} that could not be read, with the reason
 *     (generated at run time, a hidden class, a JVM that cannot retransform them or on which a read would
 *     change them); their first reload redefines the patch as compiled
 * @param inPlace classes that run a change of their private members made in place (added methods, lambdas or
 *     fields), each with what its latest change did ({@code 1 method added})
 * @since 0.1.0
 */
public record ReloadStatus(
    List<Path> sourceRoots,
    Map<Path, Path> outputDirectories,
    Map<Path, Path> overlayDirectories,
    Map<Path, Integer> releases,
    String compiler,
    String agent,
    boolean enhancedRedefinition,
    List<String> reloadedClasses,
    int reloads,
    List<CompileProblem> problems,
    Map<String, RefusedClass> refused,
    List<Duration> recentReloadTimes,
    Map<Path, String> modules,
    Map<Path, String> notWatched,
    List<String> prepared,
    Map<String, String> notPrepared,
    Map<String, List<String>> inPlace) {

  /** A status with no class changed in place. */
  public ReloadStatus(List<Path> sourceRoots, Map<Path, Path> outputDirectories, Map<Path, Path> overlayDirectories,
      Map<Path, Integer> releases, String compiler, String agent, boolean enhancedRedefinition,
      List<String> reloadedClasses, int reloads, List<CompileProblem> problems, Map<String, RefusedClass> refused,
      List<Duration> recentReloadTimes, Map<Path, String> modules, Map<Path, String> notWatched,
      List<String> prepared, Map<String, String> notPrepared) {
    this(sourceRoots, outputDirectories, overlayDirectories, releases, compiler, agent, enhancedRedefinition,
        reloadedClasses, reloads, problems, refused, recentReloadTimes, modules, notWatched, prepared, notPrepared,
        Map.of());
  }

  /** Whether the running code matches the sources: no outstanding compile problems and no refused class. */
  public boolean upToDate() {
    return problems.isEmpty() && refused.isEmpty();
  }
}
