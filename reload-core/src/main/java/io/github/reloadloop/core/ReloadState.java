package io.github.reloadloop.core;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.api.RefusedClass;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the reloader has done so far and what is outstanding. Written on the reload thread, read by
 * {@code status()} from any thread: every access is guarded.
 */
final class ReloadState {

  /** How many reload times {@code status()} shows. */
  static final int RECENT = 5;

  private List<CompileProblem> problems = List.of();
  private final Map<String, RefusedClass> refused = new LinkedHashMap<>();
  private final Set<String> reloadedClasses = new LinkedHashSet<>();
  private final Map<String, List<String>> inPlace = new LinkedHashMap<>();
  private final Deque<Duration> recentTimes = new ArrayDeque<>();
  private int reloads;

  synchronized void failed(List<CompileProblem> batchProblems) {
    problems = List.copyOf(batchProblems);
  }

  /** A batch with nothing to compile (only deletions): files that failed before are gone, so are their problems. */
  synchronized void nothingToCompile() {
    problems = List.of();
  }

  /** @param madeInPlace classes of {@code redefined} changed in place, with what changed */
  synchronized void applied(List<String> redefined, List<String> added, List<RefusedClass> newlyRefused,
      Duration reloadTime, Map<String, List<String>> madeInPlace) {
    problems = List.of();
    redefined.forEach(name -> {
      if (madeInPlace.containsKey(name)) {
        inPlace.put(name, madeInPlace.get(name));
      } else {
        inPlace.remove(name); // Redefined as compiled: its shape is back to what the JVM loaded.
      }
    });
    redefined.forEach(refused::remove);
    added.forEach(refused::remove);
    newlyRefused.forEach(r -> refused.put(r.className(), r));
    reloadedClasses.addAll(redefined);
    if (!redefined.isEmpty() || !added.isEmpty() || !newlyRefused.isEmpty()) {
      reloads++;
    }
    if (!redefined.isEmpty()) {
      recentTimes.addLast(reloadTime);
      while (recentTimes.size() > RECENT) {
        recentTimes.removeFirst();
      }
    }
  }

  /**
   * What the reloads so far did, read at once.
   *
   * @param problems outstanding compile problems
   * @param refused classes whose newest version is refused, by name
   * @param reloadedClasses every class redefined so far, in order of first reload
   * @param reloads batches that changed a class
   * @param recentTimes the last {@value #RECENT} reload times, oldest first
   * @param inPlace classes whose latest change was made in place, with what it did
   */
  record Snapshot(List<CompileProblem> problems, Map<String, RefusedClass> refused, List<String> reloadedClasses,
      int reloads, List<Duration> recentTimes, Map<String, List<String>> inPlace) {}

  synchronized Snapshot snapshot() {
    return new Snapshot(problems, Map.copyOf(refused), List.copyOf(reloadedClasses), reloads,
        List.copyOf(recentTimes), Map.copyOf(inPlace));
  }
}
