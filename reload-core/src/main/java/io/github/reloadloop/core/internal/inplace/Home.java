package io.github.reloadloop.core.internal.inplace;

/**
 * Where one method body of a changed class lives: a member of the class itself (whose shape never changes) or
 * a static method of one of its companions. A home keeps the member it was created as, and records which
 * method of the compiled class it last ran ({@code source*}), so that a later version finds it again.
 *
 * @param owner internal name of the class the body lives in
 * @param name the member's name there
 * @param descriptor its descriptor there (a companion's instance method takes the object first)
 * @param access its access flags there
 * @param kind what the compiled method is
 * @param sourceName the compiled method's name (for an initialiser: the field's name and descriptor)
 * @param sourceDescriptor the compiled method's descriptor
 * @param sourceAccess the compiled method's access flags
 * @param fingerprint the compiled body's {@link Fingerprint}, or {@code null} where none is kept
 */
record Home(String owner, String name, String descriptor, int access, Kind kind, String sourceName,
    String sourceDescriptor, int sourceAccess, String fingerprint) {

  /** What a home holds. */
  enum Kind {
    /** A named method (or a constructor, which stays in the class). */
    METHOD,
    /** A lambda body or another compiler-generated private method, found again by its code. */
    LAMBDA,
    /** The initialiser of a private instance field kept aside, run for objects created before the field. */
    INITIALIZER
  }

  /** The compiled member it now runs, by name, descriptor and modifiers. */
  String source() {
    return sourceName + sourceDescriptor + "/" + sourceAccess;
  }

  /** The member it is, by owner, name and descriptor. */
  String member() {
    return owner + "." + name + descriptor;
  }

  Home running(String name, String descriptor, int access, String fingerprint) {
    return new Home(owner, this.name, this.descriptor, this.access, kind, name, descriptor, access, fingerprint);
  }
}
