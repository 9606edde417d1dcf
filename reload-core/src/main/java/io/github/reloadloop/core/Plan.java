package io.github.reloadloop.core;

import io.github.reloadloop.core.redefine.ClassShape;
import io.github.reloadloop.core.redefine.ShapeComparison;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a compiled batch would do to the running JVM: which loaded classes to redefine, which ones the JVM
 * would refuse (and why), and whether other classes must be recompiled against the new versions.
 */
record Plan(
    Map<String, ClassShape> newShapes,
    Set<String> loaded,
    Map<Class<?>, byte[]> redefinitions,
    Map<String, List<String>> refusals,
    boolean refusedOnlyForSyntheticMembers,
    Set<String> affectedNames) {

  boolean dependentsAffected() {
    return !affectedNames.isEmpty();
  }

  static final class Builder {
    private final Map<String, ClassShape> newShapes = new LinkedHashMap<>();
    private final Set<String> loaded = new LinkedHashSet<>();
    private final Map<Class<?>, byte[]> redefinitions = new LinkedHashMap<>();
    private final Map<String, List<String>> refusals = new LinkedHashMap<>();
    private final Set<String> affected = new LinkedHashSet<>();
    private boolean onlySynthetic = true;

    void newShape(String name, ClassShape shape) {
      newShapes.put(name, shape);
    }

    void loaded(String name) {
      loaded.add(name);
    }

    void redefine(Class<?> type, byte[] bytes) {
      redefinitions.put(type, bytes);
    }

    /** Records a comparison; {@code refusable} is false where the JVM would not be asked (class not loaded). */
    void compared(String name, ShapeComparison.Result result, boolean refusable) {
      if (result.dependentsAffected()) {
        affected.add(topLevelSimpleName(name));
      }
      if (refusable && !result.redefinable()) {
        refusals.put(name, result.schemaChanges());
        onlySynthetic &= result.onlySynthetic();
      }
    }

    /**
     * Holds back the redefinition of any class that uses a refused class: compiled against the new shape,
     * it would fail to link against the old one still running (NoSuchMethodError). It joins the refused
     * classes, so that a fresh class loader picks it up together with what it uses.
     */
    Plan build() {
      boolean changed = !refusals.isEmpty();
      while (changed) {
        changed = false;
        for (var entry : new java.util.ArrayList<>(redefinitions.entrySet())) {
          String name = entry.getKey().getName();
          java.util.Set<String> uses = new java.util.LinkedHashSet<>(ClassShape.referencedClasses(entry.getValue()));
          uses.retainAll(refusals.keySet());
          uses.remove(name);
          if (!uses.isEmpty()) {
            redefinitions.remove(entry.getKey());
            refusals.putIfAbsent(name, List.of("held back because it uses " + String.join(", ", uses)
                + ", which changed shape"));
            changed = true;
          }
        }
      }
      return new Plan(newShapes, loaded, redefinitions, refusals, !refusals.isEmpty() && onlySynthetic, affected);
    }
  }

  static String topLevelSimpleName(String binaryName) {
    String simple = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    int nested = simple.indexOf('$');
    return nested > 0 ? simple.substring(0, nested) : simple;
  }
}
