package io.github.reloadloop.core.internal.classfile;

import io.github.reloadloop.core.internal.classfile.ClassShape.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the loaded version of a class with a new one the way HotSpot's {@code redefineClasses} does,
 * and says in plain words what a standard JVM would refuse. Pure: no JVM state involved.
 *
 * @since 0.1.0
 */
public final class ShapeComparison {

  /** Class modifiers HotSpot compares (public, final, super, interface, abstract, synthetic, annotation, enum). */
  private static final int CLASS_MODIFIERS = 0x7631;
  /** Field modifiers HotSpot compares (visibility, static, final, volatile, transient, synthetic, enum). */
  private static final int FIELD_MODIFIERS = 0x50DF;
  private static final int ACC_NATIVE = 0x0100;

  /**
   * The outcome of one comparison.
   *
   * @param schemaChanges what a standard JVM refuses, in plain words; empty when only bodies changed
   * @param onlySynthetic whether every refused difference is in compiler-generated members or nest
   *     attributes (a sign the patch was compiled by a different compiler than the loaded class)
   * @param dependentsAffected whether classes compiled against the old version must be recompiled
   *     (a constant's value, a non-private member or the hierarchy changed)
   */
  public record Result(List<String> schemaChanges, boolean onlySynthetic, boolean dependentsAffected) {

    /** Whether the JVM can swap the class in place. */
    public boolean redefinable() {
      return schemaChanges.isEmpty();
    }
  }

  private ShapeComparison() {}

  /** Compares {@code loaded} with {@code replacement}. */
  public static Result compare(ClassShape loaded, ClassShape replacement) {
    List<String> changes = new ArrayList<>();
    boolean[] synthetic = {true};
    boolean dependents = false;
    if (!Objects.equals(loaded.superName(), replacement.superName())) {
      changes.add("superclass changed from " + simple(loaded.superName()) + " to " + simple(replacement.superName()));
      synthetic[0] = false;
      dependents = true;
    }
    if (!loaded.interfaces().equals(replacement.interfaces())) {
      changes.add("implemented interfaces changed from " + simpleList(loaded.interfaces()) + " to "
          + simpleList(replacement.interfaces()));
      synthetic[0] = false;
      dependents = true;
    }
    if (((loaded.access() ^ replacement.access()) & CLASS_MODIFIERS) != 0) {
      changes.add("class modifiers changed");
      synthetic[0] = false;
      dependents = true;
    }
    dependents |= compareFields(loaded.fields(), replacement.fields(), changes, synthetic);
    dependents |= compareMethods(loaded.methods(), replacement.methods(), changes, synthetic);
    // HotSpot compares nest members as a set: the same members in another order redefine fine.
    if (!Objects.equals(loaded.nestHost(), replacement.nestHost())
        || !Set.copyOf(loaded.nestMembers()).equals(Set.copyOf(replacement.nestMembers()))) {
      changes.add(describeNest(loaded, replacement));
    }
    if (!loaded.recordComponents().equals(replacement.recordComponents())) {
      changes.add("record components changed");
      synthetic[0] = false;
      dependents = true;
    }
    if (!loaded.permittedSubclasses().equals(replacement.permittedSubclasses())) {
      changes.add("permitted subclasses changed");
      synthetic[0] = false;
      dependents = true;
    }
    return new Result(List.copyOf(changes), !changes.isEmpty() && synthetic[0], dependents);
  }

  private static boolean compareFields(List<Member> loaded, List<Member> replacement, List<String> changes,
      boolean[] synthetic) {
    Map<String, Member> before = byName(loaded);
    Map<String, Member> after = byName(replacement);
    boolean dependents = false;
    boolean structural = false;
    for (Member field : replacement) {
      Member old = before.get(field.name());
      if (old == null) {
        changes.add("field " + describeField(field) + " added");
        structural = true;
        synthetic[0] &= field.isSynthetic();
        dependents |= !field.isPrivate();
      } else if (!old.descriptor().equals(field.descriptor())) {
        changes.add("field " + field.name() + " changed type from " + Descriptors.type(old.descriptor()) + " to "
            + Descriptors.type(field.descriptor()));
        structural = true;
        synthetic[0] &= field.isSynthetic();
        dependents = true;
      } else if (((old.access() ^ field.access()) & FIELD_MODIFIERS) != 0) {
        changes.add("field " + field.name() + " changed modifiers");
        structural = true;
        synthetic[0] &= field.isSynthetic();
        dependents = true;
      }
      if (old != null && !Objects.equals(old.constantValue(), field.constantValue())) {
        dependents = true;
      }
    }
    for (Member field : loaded) {
      if (!after.containsKey(field.name())) {
        changes.add("field " + describeField(field) + " removed");
        structural = true;
        synthetic[0] &= field.isSynthetic();
        dependents |= !field.isPrivate();
      }
    }
    if (!structural && !names(loaded).equals(names(replacement))) {
      changes.add("fields reordered");
      synthetic[0] = false;
    }
    return dependents;
  }

  private static boolean compareMethods(List<Member> loaded, List<Member> replacement, List<String> changes,
      boolean[] synthetic) {
    Map<String, Member> before = byKey(loaded);
    Map<String, Member> after = byKey(replacement);
    boolean dependents = false;
    for (Member method : replacement) {
      Member old = before.get(method.key());
      if (old == null) {
        changes.add(Descriptors.method(method) + " added");
        synthetic[0] &= method.isSynthetic();
        dependents |= !method.isPrivate() && !method.isSynthetic();
      } else if (((old.access() ^ method.access()) & 0xFFFF & ~ACC_NATIVE) != 0) {
        changes.add(Descriptors.method(method) + " changed modifiers");
        synthetic[0] &= method.isSynthetic();
        dependents = true;
      }
    }
    for (Member method : loaded) {
      if (!after.containsKey(method.key())) {
        changes.add(Descriptors.method(method) + " removed");
        synthetic[0] &= method.isSynthetic();
        dependents |= !method.isPrivate() && !method.isSynthetic();
      }
    }
    return dependents;
  }

  private static String describeNest(ClassShape loaded, ClassShape replacement) {
    List<String> added = new ArrayList<>(replacement.nestMembers());
    added.removeAll(loaded.nestMembers());
    List<String> removed = new ArrayList<>(loaded.nestMembers());
    removed.removeAll(replacement.nestMembers());
    if (!added.isEmpty() && removed.isEmpty()) {
      return "nested class " + simpleList(added) + " added";
    }
    if (added.isEmpty() && !removed.isEmpty()) {
      return "nested class " + simpleList(removed) + " removed";
    }
    return "nested classes changed (NestHost/NestMembers)";
  }

  private static String describeField(Member field) {
    return Descriptors.type(field.descriptor()) + " " + field.name();
  }

  private static Map<String, Member> byName(List<Member> members) {
    Map<String, Member> map = new LinkedHashMap<>();
    members.forEach(m -> map.put(m.name(), m));
    return map;
  }

  private static Map<String, Member> byKey(List<Member> members) {
    Map<String, Member> map = new LinkedHashMap<>();
    members.forEach(m -> map.put(m.key(), m));
    return map;
  }

  private static List<String> names(List<Member> members) {
    return members.stream().map(Member::name).toList();
  }

  private static String simple(String name) {
    return name == null ? "Object" : Descriptors.simpleName(name);
  }

  private static String simpleList(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names.stream().map(Descriptors::simpleName).toList());
  }
}
