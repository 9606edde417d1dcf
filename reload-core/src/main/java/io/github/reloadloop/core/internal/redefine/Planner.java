package io.github.reloadloop.core.internal.redefine;

import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.internal.classfile.ClassShape;
import io.github.reloadloop.core.internal.classfile.ShapeComparison;
import io.github.reloadloop.core.internal.compile.CompiledClass;
import io.github.reloadloop.core.internal.compile.CompiledPatch;
import io.github.reloadloop.core.internal.inplace.InPlace;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The planning stage: compares each class of a compiled patch with its running versions and decides what to
 * redefine, what the JVM would refuse (a changed shape, unless this JVM has enhanced redefinition), and which
 * class loaders need a class defined because they have not loaded it. A class that uses a refused class is
 * held back with it: compiled against the new shape, it would fail to link against the old one still
 * running. A class whose new shape differs only in private members is changed in place ({@link InPlace}),
 * unless some class of the same batch is refused: then the batch takes the refusal's path as a whole.
 *
 * <p>Threading: the reload thread.
 */
public final class Planner {

  private final Supplier<Instrumentation> instrumentation;
  private final boolean enhanced;
  private final RunningVersions running;
  private final InPlace inPlace = new InPlace();

  /**
   * @param instrumentation the JVM's instrumentation, or a supplier of {@code null} when no agent could be
   *     loaded (then nothing is redefined or defined)
   * @param enhanced whether this JVM redefines changed shapes in place
   * @param running the running version of each loaded class
   */
  public Planner(Supplier<Instrumentation> instrumentation, boolean enhanced, RunningVersions running) {
    this.instrumentation = instrumentation;
    this.enhanced = enhanced;
    this.running = running;
  }

  /** Plans a patch that compiled. */
  public RedefinitionPlan plan(CompiledPatch patch) {
    Instrumentation jvm = patch.classes().isEmpty() ? null : instrumentation.get();
    if (jvm == null) {
      return new RedefinitionPlan(patch, List.of(), Map.of(), Map.of(), patch.classNames());
    }
    Map<Path, Path> overlays = new HashMap<>();
    patch.classes().stream().filter(c -> c.classDirectory() != null)
        .forEach(c -> overlays.put(c.classDirectory(), c.overlayDirectory()));
    LoadedClasses loaded = LoadedClasses.scan(jvm, new HashSet<>(patch.classNames()), overlays);
    Map<Class<?>, byte[]> redefinitions = new LinkedHashMap<>();
    Map<String, List<String>> refusals = new LinkedHashMap<>();
    List<RedefinitionPlan.Definition> definitions = new ArrayList<>();
    List<String> added = new ArrayList<>();
    Map<Class<?>, InPlace.Change> inPlaceChanges = new LinkedHashMap<>();
    for (CompiledClass compiled : patch.classes()) {
      Path classDirectory = compiled.classDirectory();
      List<Class<?>> versions = loaded.versions(compiled.name(), classDirectory, compiled.overlayDirectory());
      if (versions.isEmpty()) {
        added.add(compiled.name());
      }
      Set<ClassLoader> holding = loaded.loadersOf(compiled.name());
      for (Class<?> version : versions) {
        RunningVersions.Version current = running.of(version);
        if (current != null && Arrays.equals(current.bytes(), compiled.bytes())) {
          continue; // Same bytes as running (javac's switch-map class, an untouched nested class).
        }
        ShapeComparison.Result result = current == null ? null
            : ShapeComparison.compare(current.shape(), ClassShape.parse(compiled.bytes()));
        InPlace.Change change = result != null && !result.redefinable() && !enhanced && InPlace.enabled()
            ? inPlace.plan(version, current.bytes(), compiled.bytes(), bytesByName(patch)) : null;
        if (change != null && change.possible()) {
          inPlaceChanges.put(version, change);
        } else if (result != null && !result.redefinable() && !enhanced) {
          refusals.put(compiled.name(), withReason(result.schemaChanges(), change));
        } else {
          redefinitions.put(version, compiled.bytes());
          inPlace.forget(version); // Its shape came back: it runs as compiled.
        }
      }
      for (LoadedClasses.Loader loader : loaded.definingLoaders(classDirectory, compiled.overlayDirectory())) {
        if (!holding.contains(loader.loader())) {
          definitions.add(new RedefinitionPlan.Definition(compiled.name(), compiled.bytes(), loader.loader(),
              loader.neighbours().get(packageOf(compiled.name())), loader.anyClass().getProtectionDomain()));
        }
      }
    }
    if (!refusals.isEmpty()) {
      String others = String.join(", ", refusals.keySet()) + " changed shape";
      inPlaceChanges.forEach((type, change) -> refusals.putIfAbsent(type.getName(), notMade(change,
          others + " in the same save, and a save goes one way")));
      inPlaceChanges.clear();
    }
    definitions.removeIf(d -> refusals.containsKey(d.name()));
    holdBack(redefinitions, definitions, refusals);
    Map<String, RefusedClass> refused = new LinkedHashMap<>();
    refusals.forEach((name, changes) -> refused.put(name, RedefinitionPlan.refusal(patch, name, changes)));
    return new RedefinitionPlan(patch, supertypesFirst(definitions), redefinitions, refused, added, inPlaceChanges);
  }

  /**
   * The plan as the planner would have made it had its in-place changes not been possible: each is refused
   * (with why, or with the class that could not be changed), every class that uses a refused one is held back
   * with it, and the rest is redefined as compiled. For a batch whose in-place changes could not be applied.
   *
   * @param notInPlace why, by class name, for the classes whose change could not be applied
   */
  static RedefinitionPlan withoutInPlace(RedefinitionPlan plan, Map<String, String> notInPlace) {
    Map<String, List<String>> refusals = new LinkedHashMap<>();
    plan.refused().forEach((name, refused) -> refusals.put(name, refused.changes()));
    String failed = String.join(", ", notInPlace.keySet()) + " could not be changed in place in the same save,"
        + " and a save goes one way";
    plan.inPlace().forEach((type, change) -> refusals.putIfAbsent(type.getName(),
        notInPlace.containsKey(type.getName()) ? notMade(change, notInPlace.get(type.getName()))
            : notMade(change, failed)));
    Map<Class<?>, byte[]> redefinitions = new LinkedHashMap<>(plan.redefinitions());
    List<RedefinitionPlan.Definition> definitions = new ArrayList<>(plan.definitions());
    definitions.removeIf(d -> refusals.containsKey(d.name()));
    holdBack(redefinitions, definitions, refusals);
    Map<String, RefusedClass> refused = new LinkedHashMap<>();
    refusals.forEach((name, changes) -> refused.put(name, plan.refused().containsKey(name)
        ? plan.refused().get(name) : plan.refusal(name, changes)));
    return new RedefinitionPlan(plan.patch(), definitions, redefinitions, refused, plan.added(), Map.of());
  }

  /** What an in-place change would have done, and why it was not made. */
  private static List<String> notMade(InPlace.Change change, String why) {
    String what = change.changes().isEmpty() ? "" : String.join(", ", change.changes()) + " ";
    return List.of(what + "in place, not made: " + why);
  }

  /** The shape's changes, and why they cannot be made in place where the shape does not say it. */
  private static List<String> withReason(List<String> changes, InPlace.Change change) {
    if (change == null || change.visible()) {
      return changes;
    }
    List<String> all = new ArrayList<>(changes);
    all.add("not in place: " + change.reason());
    return all;
  }

  private static Map<String, byte[]> bytesByName(CompiledPatch patch) {
    Map<String, byte[]> bytes = new HashMap<>();
    patch.classes().forEach(c -> bytes.put(c.name(), c.bytes()));
    return bytes;
  }

  /**
   * Holds back every redefinition or definition of a class that uses a refused class; it joins the refused
   * classes, so that a fresh class loader picks it up together with what it uses.
   */
  private static void holdBack(Map<Class<?>, byte[]> redefinitions, List<RedefinitionPlan.Definition> definitions,
      Map<String, List<String>> refusals) {
    boolean changed = !refusals.isEmpty();
    while (changed) {
      changed = false;
      for (var entry : new ArrayList<>(redefinitions.entrySet())) {
        if (holdsBack(entry.getKey().getName(), entry.getValue(), refusals)) {
          redefinitions.remove(entry.getKey());
          changed = true;
        }
      }
      for (RedefinitionPlan.Definition definition : new ArrayList<>(definitions)) {
        if (holdsBack(definition.name(), definition.bytes(), refusals)) {
          definitions.remove(definition);
          changed = true;
        }
      }
    }
  }

  private static boolean holdsBack(String name, byte[] bytes, Map<String, List<String>> refusals) {
    Set<String> uses = new LinkedHashSet<>(ClassShape.referencedClasses(bytes));
    uses.retainAll(refusals.keySet());
    uses.remove(name);
    if (uses.isEmpty()) {
      return false;
    }
    refusals.putIfAbsent(name, List.of("held back because it uses " + String.join(", ", uses)
        + ", which changed shape"));
    return true;
  }

  /** Orders definitions so that a class comes after the superclass and interfaces defined with it. */
  private static List<RedefinitionPlan.Definition> supertypesFirst(List<RedefinitionPlan.Definition> definitions) {
    Map<String, List<String>> supertypes = new LinkedHashMap<>();
    for (RedefinitionPlan.Definition definition : definitions) {
      supertypes.computeIfAbsent(definition.name(), n -> {
        ClassShape shape = ClassShape.parse(definition.bytes());
        List<String> parents = new ArrayList<>(shape.interfaces());
        if (shape.superName() != null) {
          parents.add(0, shape.superName());
        }
        return parents;
      });
    }
    List<String> order = new ArrayList<>();
    Set<String> visiting = new HashSet<>();
    for (String name : supertypes.keySet()) {
      visit(name, supertypes, order, visiting);
    }
    List<RedefinitionPlan.Definition> sorted = new ArrayList<>(definitions);
    sorted.sort(Comparator.comparingInt(d -> order.indexOf(d.name())));
    return sorted;
  }

  private static void visit(String name, Map<String, List<String>> supertypes, List<String> order,
      Set<String> visiting) {
    if (order.contains(name) || !supertypes.containsKey(name) || !visiting.add(name)) {
      return;
    }
    supertypes.get(name).forEach(parent -> visit(parent, supertypes, order, visiting));
    order.add(name);
  }

  private static String packageOf(String binaryName) {
    int dot = binaryName.lastIndexOf('.');
    return dot < 0 ? "" : binaryName.substring(0, dot);
  }
}
