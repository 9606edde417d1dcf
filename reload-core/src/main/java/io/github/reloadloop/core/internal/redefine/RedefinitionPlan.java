package io.github.reloadloop.core.internal.redefine;

import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.internal.compile.CompiledClass;
import io.github.reloadloop.core.internal.compile.CompiledPatch;
import io.github.reloadloop.core.internal.inplace.InPlace;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;

/**
 * What a compiled patch will do to the running JVM: the classes to define into the class loaders that would
 * have loaded them (supertypes first), the loaded classes to redefine, and those whose change the JVM would
 * refuse.
 *
 * @param patch the compiled patch this plan is for
 * @param definitions classes to define, in order
 * @param redefinitions loaded classes and their new class files
 * @param refused classes whose new version changed shape, or uses one that did, by name
 * @param added classes of the patch that no class loader had loaded
 * @param inPlace loaded classes whose change of private members is made in place (see {@link InPlace})
 */
public record RedefinitionPlan(CompiledPatch patch, List<Definition> definitions, Map<Class<?>, byte[]> redefinitions,
    Map<String, RefusedClass> refused, List<String> added, Map<Class<?>, InPlace.Change> inPlace) {

  /** A plan with nothing changed in place. */
  public RedefinitionPlan(CompiledPatch patch, List<Definition> definitions, Map<Class<?>, byte[]> redefinitions,
      Map<String, RefusedClass> refused, List<String> added) {
    this(patch, definitions, redefinitions, refused, added, Map.of());
  }

  /**
   * A class to define into a class loader.
   *
   * @param name binary name
   * @param bytes class file
   * @param loader the class loader that would have loaded it
   * @param neighbour a class of the same package in that loader, or {@code null}
   * @param domain the protection domain of the loader's other classes from the same directory
   */
  public record Definition(String name, byte[] bytes, ClassLoader loader, Class<?> neighbour,
      ProtectionDomain domain) {}

  /** The class {@code name} of this plan's patch, refused for {@code changes} (by the JVM, say). */
  public RefusedClass refusal(String name, List<String> changes) {
    return refusal(patch, name, changes);
  }

  /** A refused class with the new class file the patch has for it. */
  static RefusedClass refusal(CompiledPatch patch, String name, List<String> changes) {
    CompiledClass compiled = patch.classes().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    return new RefusedClass(name, changes, compiled == null ? null : compiled.bytes(),
        compiled == null ? null : compiled.overlayDirectory());
  }
}
