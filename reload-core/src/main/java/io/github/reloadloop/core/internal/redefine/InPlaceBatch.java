package io.github.reloadloop.core.internal.redefine;

import io.github.reloadloop.core.internal.inplace.InPlace;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-place changes of one batch, from preparing them to recording them, all or none: each class's
 * companions are defined and its link table filled before anything is redefined, then the classes and their
 * changed companions join the batch's other redefinitions in one {@code redefineClasses} call. Should a
 * preparation fail or the JVM refuse that call, every change is {@linkplain #abandon() abandoned} and the
 * batch takes the fallback path as a whole ({@link Planner#withoutInPlace}).
 *
 * <p>Threading: the reload thread.
 */
final class InPlaceBatch {

  private final List<InPlace.Change> changes;
  private final Map<Class<?>, byte[]> redefinitions = new LinkedHashMap<>();
  private final Set<Class<?>> companions = new HashSet<>();

  InPlaceBatch(Collection<InPlace.Change> changes) {
    this.changes = List.copyOf(changes);
  }

  boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * Prepares each change, recording the classes it defined as running their class files, up to the first that
   * cannot be prepared.
   *
   * @return why a class could not be prepared, by name; empty when all were
   */
  Map<String, String> prepare(RunningVersions running) {
    for (InPlace.Change change : changes) {
      try {
        InPlace.Prepared done = change.prepare();
        done.defined().forEach(running::replaced);
        done.redefinitions().forEach((type, bytes) -> {
          redefinitions.put(type, bytes);
          if (type != change.type()) {
            companions.add(type);
          }
        });
      } catch (InPlace.Failure e) {
        return Map.of(change.type().getName(), e.getMessage());
      }
    }
    return Map.of();
  }

  /** The prepared classes and their changed companions, with the class files to redefine them to. */
  Map<Class<?>, byte[]> redefinitions() {
    return redefinitions;
  }

  /** Whether a redefined class is the user's (not a companion). */
  boolean isOwn(Class<?> type) {
    return !companions.contains(type);
  }

  /** Why each change was not made when the JVM refused the batch's redefinition, by class name. */
  Map<String, String> refusedByJvm(String why) {
    Map<String, String> reasons = new LinkedHashMap<>();
    changes.forEach(change -> reasons.put(change.type().getName(), "the JVM refused the save's classes (" + why
        + ")"));
    return reasons;
  }

  /**
   * Records that every change was made: the batch's redefinition went through.
   *
   * @return what changed in each class, by name
   */
  Map<String, List<String>> applied() {
    Map<String, List<String>> made = new LinkedHashMap<>();
    for (InPlace.Change change : changes) {
      change.applied();
      made.put(change.type().getName(), change.changes());
    }
    return made;
  }

  /** Records that no change was made; each class keeps running what it ran. */
  void abandon() {
    changes.forEach(InPlace.Change::abandoned);
  }
}
