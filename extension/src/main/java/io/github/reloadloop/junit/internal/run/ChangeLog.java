package io.github.reloadloop.junit.internal.run;

import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reloads of this run, numbered: generation 0 is the code the run started with, each reload that
 * changed a class adds one. Tells which classes changed after a given generation (for revalidation and
 * {@code verify}) and which classes are stale: changed on disk but still running their old version in the
 * original class loader, because the JVM refused the new shape.
 *
 * <p>Threading: written on the reloader's thread, read on test threads; reads never block a reload long.
 */
public final class ChangeLog {

  /** One reload: its generation, when it was applied, and the classes it changed. */
  public record Reload(int generation, Instant at, Set<String> classes) {}

  private final List<Reload> reloads = new ArrayList<>();
  private volatile Set<String> stale = Set.of();
  /** The class file of each refused class as last refused. */
  private Map<String, byte[]> refusedVersions = Map.of();

  /** Records a reload's result; a batch that changed nothing (a compile error) is not a generation. */
  public synchronized void record(ReloadResult result, Map<String, RefusedClass> refusedNow) {
    Set<String> changed = new LinkedHashSet<>(result.redefinedClasses());
    changed.addAll(result.addedClasses());
    for (RefusedClass refused : result.refused()) {
      // One save can reach two batches (the watcher's event and a rescan by awaitPendingReloads): the same
      // class file refused again is not a new change, and must not make the tests since look stale.
      if (!Arrays.equals(refusedVersions.get(refused.className()), refused.classFile())) {
        changed.add(refused.className());
      }
    }
    Map<String, byte[]> versions = new HashMap<>(refusedVersions);
    result.refused().forEach(r -> versions.put(r.className(), r.classFile()));
    versions.keySet().retainAll(refusedNow.keySet());
    refusedVersions = versions;
    stale = Set.copyOf(refusedNow.keySet());
    if (!changed.isEmpty()) {
      reloads.add(new Reload(reloads.size() + 1, Instant.now(), Set.copyOf(changed)));
    }
  }

  /** The latest generation (0 before the first reload). */
  public synchronized int generation() {
    return reloads.size();
  }

  /** Classes whose newest version is not running in the original class loader (cheap: a volatile read). */
  public Set<String> stale() {
    return stale;
  }

  /** Each class changed after {@code generation}, with the first reload that changed it. */
  public synchronized Map<String, Reload> changedAfter(int generation) {
    Map<String, Reload> changed = new LinkedHashMap<>();
    for (Reload reload : reloads.subList(Math.min(generation, reloads.size()), reloads.size())) {
      reload.classes().forEach(name -> changed.putIfAbsent(name, reload));
    }
    return changed;
  }
}
