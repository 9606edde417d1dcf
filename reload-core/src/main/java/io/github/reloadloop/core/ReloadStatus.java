package io.github.reloadloop.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of an {@link AutoReloader}'s state, for a {@code status} command or a health check.
 *
 * @param sourceRoots the watched directories
 * @param outputDirectories class output directory for each root that has one
 * @param compiler the compiler patches are built with ({@code javac}, {@code ecj}, or {@code auto: javac})
 * @param agent where class redefinition comes from, or why it is unavailable
 * @param enhancedRedefinition whether this JVM redefines schema changes in place
 * @param reloadedClasses every class redefined so far, in order of first reload
 * @param reloads batches applied so far
 * @param problems outstanding compile problems: the latest changes of these files are not applied
 * @param refused classes whose newest version changed shape and is not running, by class name
 * @since 0.1.0
 */
public record ReloadStatus(
    List<Path> sourceRoots,
    Map<Path, Path> outputDirectories,
    String compiler,
    String agent,
    boolean enhancedRedefinition,
    List<String> reloadedClasses,
    int reloads,
    List<CompileProblem> problems,
    Map<String, RefusedClass> refused) {

  /** Whether the running code matches the sources: no outstanding compile problems and no refused class. */
  public boolean upToDate() {
    return problems.isEmpty() && refused.isEmpty();
  }
}
