package io.github.reloadloop.core.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one batch of source changes led to.
 *
 * @param startedAt when work on the batch started: its compile, which for an editor's save starts once its file
 *     events have been quiet for a millisecond, before the debounce ends (and is dropped if more events come)
 * @param changedFiles source files compiled, including dependents recompiled with them
 * @param deletedFiles source files that disappeared; their classes keep their last version
 * @param compiledClasses every class the compile produced
 * @param redefinedClasses loaded classes that now run the new code
 * @param addedClasses classes no class loader had loaded: defined into the class loader of their class
 *     directory, so that code can use them at once, and written to the overlay directory
 * @param refused classes whose shape changed, still running their old version
 * @param problems why the batch was not applied; empty on success
 * @param compiler the compiler used ({@code javac} or {@code ecj}), or empty when nothing was compiled
 * @param compileTime time spent compiling
 * @param redefineTime time spent in the JVM's {@code redefineClasses}
 * @param reloadTime from the save (the watcher's first file event of the batch) to the end of redefinition:
 *     what the user waited for; zero when the batch was not applied
 * @since 0.1.0
 */
public record ReloadResult(
    Instant startedAt,
    List<Path> changedFiles,
    List<Path> deletedFiles,
    List<String> compiledClasses,
    List<String> redefinedClasses,
    List<String> addedClasses,
    List<RefusedClass> refused,
    List<CompileProblem> problems,
    String compiler,
    Duration compileTime,
    Duration redefineTime,
    Duration reloadTime) {

  /** Whether the batch compiled (refused classes do not count as failure here; see {@link #refused()}). */
  public boolean compiledCleanly() {
    return problems.isEmpty();
  }
}
