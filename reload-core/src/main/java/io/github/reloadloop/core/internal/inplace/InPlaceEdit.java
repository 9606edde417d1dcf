package io.github.reloadloop.core.internal.inplace;

import java.util.List;
import java.util.Map;

/**
 * What an in-place change applies: the class rewritten to keep its shape, the classes to define next to it,
 * the companions to redefine with it, and the link table they all use.
 *
 * @param classFile the class's new class file, with the members it has always had
 * @param definitions classes to define into the class's package, in order
 * @param redefinitions companions defined by earlier changes whose code changes, by internal name
 * @param sites the whole link table (earlier entries keep their index)
 * @param initializers for each private instance field kept aside ({@code name:descriptor}), the static method
 *     ({@code owner.name descriptor}) that gives an existing object its first value, or {@code null} for the
 *     type's default value
 * @param next the class's history once this change is applied
 * @param changes what changed since the last version, in a few words each ({@code 1 method added})
 */
record InPlaceEdit(byte[] classFile, List<Definition> definitions, Map<String, byte[]> redefinitions,
    List<Site> sites, Map<String, Home> initializers, ClassHistory next, List<String> changes) {

  /**
   * A class to define.
   *
   * @param name internal name
   * @param bytes class file
   * @param role what it is for, in a word (companion, holder, link)
   */
  record Definition(String name, byte[] bytes, String role) {}
}
