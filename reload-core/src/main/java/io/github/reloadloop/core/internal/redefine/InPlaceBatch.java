package io.github.reloadloop.core.internal.redefine;

import io.github.reloadloop.core.internal.inplace.InPlace;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-place changes of one batch, from preparing them to recording them: each class's companions are
 * defined and its link table filled before anything is redefined, then the class and its changed companions
 * join the batch's redefinitions as one group (redefined all or none). A class whose preparation fails keeps
 * running as it ran and is refused.
 *
 * <p>Threading: the reload thread.
 */
final class InPlaceBatch {

  private final Map<Class<?>, byte[]> redefinitions;
  private final Map<Class<?>, Class<?>> groups = new HashMap<>();
  private final Set<Class<?>> companions = new HashSet<>();
  private final Map<Class<?>, InPlace.Change> prepared = new LinkedHashMap<>();

  /** @param redefinitions the batch's other redefinitions */
  InPlaceBatch(Map<Class<?>, byte[]> redefinitions) {
    this.redefinitions = new LinkedHashMap<>(redefinitions);
  }

  /**
   * Prepares each change, recording the classes it defined as running their class files.
   *
   * @return why each class that could not be prepared was not, by name
   */
  Map<String, String> prepare(Collection<InPlace.Change> changes, RunningVersions running) {
    Map<String, String> failures = new LinkedHashMap<>();
    for (InPlace.Change change : changes) {
      try {
        InPlace.Prepared done = change.prepare();
        done.defined().forEach(running::replaced);
        done.redefinitions().forEach((type, bytes) -> {
          redefinitions.put(type, bytes);
          groups.put(type, change.type());
          if (type != change.type()) {
            companions.add(type);
          }
        });
        prepared.put(change.type(), change);
      } catch (InPlace.Failure e) {
        failures.put(change.type().getName(), e.getMessage());
      }
    }
    return failures;
  }

  /** Every class to redefine: the batch's own and the prepared in-place changes. */
  Map<Class<?>, byte[]> redefinitions() {
    return redefinitions;
  }

  /** The group of each class of an in-place change, by the changed class. */
  Map<Class<?>, Class<?>> groups() {
    return groups;
  }

  /** Whether a redefined class is the user's (not a companion). */
  boolean isOwn(Class<?> type) {
    return !companions.contains(type);
  }

  /**
   * Records the changes whose class was redefined.
   *
   * @return what changed in each class made in place, by name
   */
  Map<String, List<String>> applied(List<Class<?>> redefined) {
    Map<String, List<String>> made = new LinkedHashMap<>();
    prepared.forEach((type, change) -> {
      if (redefined.contains(type)) {
        change.applied();
        made.put(type.getName(), change.changes());
      }
    });
    return made;
  }
}
