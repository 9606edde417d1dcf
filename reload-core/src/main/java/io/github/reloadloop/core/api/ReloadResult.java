package io.github.reloadloop.core.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param inPlace classes among {@code redefinedClasses} whose change of private members (an added method,
 *     lambda or field, a changed private signature) was made in place on this JVM, each with what changed
 *     ({@code 1 method added}); the others had only their method bodies changed
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
    Duration reloadTime,
    Map<String, List<String>> inPlace) {

  public ReloadResult {
    inPlace = Collections.unmodifiableMap(new LinkedHashMap<>(inPlace));
  }

  /** A result with no change made in place. */
  public ReloadResult(Instant startedAt, List<Path> changedFiles, List<Path> deletedFiles,
      List<String> compiledClasses, List<String> redefinedClasses, List<String> addedClasses,
      List<RefusedClass> refused, List<CompileProblem> problems, String compiler, Duration compileTime,
      Duration redefineTime, Duration reloadTime) {
    this(startedAt, changedFiles, deletedFiles, compiledClasses, redefinedClasses, addedClasses, refused, problems,
        compiler, compileTime, redefineTime, reloadTime, Map.of());
  }

  /**
   * Which way the redefined classes went, to follow their count in a reload line: empty when only bodies
   * changed, {@code " in place (1 method added)"} when every class was changed in place,
   * {@code " (1 in place: 1 method added)"} when some were.
   */
  public String inPlaceSuffix() {
    if (inPlace.isEmpty()) {
      return "";
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    inPlace.values().forEach(changes -> changes.forEach(change -> {
      int space = change.indexOf(' ');
      String what = change.substring(space + 1).replaceFirst("^(\\w+?)s ", "$1 ");
      counts.merge(what, Integer.parseInt(change.substring(0, space)), Integer::sum);
    }));
    List<String> phrases = counts.entrySet().stream().map(e -> e.getValue() + " "
        + (e.getValue() == 1 ? e.getKey() : e.getKey().replaceFirst(" ", "s "))).toList();
    String what = String.join(", ", phrases);
    if (inPlace.size() >= redefinedClasses.size()) {
      return " in place" + (what.isEmpty() ? "" : " (" + what + ")");
    }
    return " (" + inPlace.size() + " in place" + (what.isEmpty() ? "" : ": " + what) + ")";
  }

  /** Whether the batch compiled (refused classes do not count as failure here; see {@link #refused()}). */
  public boolean compiledCleanly() {
    return problems.isEmpty();
  }
}
