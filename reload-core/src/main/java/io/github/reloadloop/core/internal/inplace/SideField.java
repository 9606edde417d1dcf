package io.github.reloadloop.core.internal.inplace;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values of one added private instance field, kept aside: per object, by identity, weakly (an object's
 * value goes with it). An object that has no value yet (created before the field existed, or read before its
 * constructor set it) gets the field's initialiser's value on first read, or the type's default.
 *
 * <p>Threading: any thread; values are published safely, as for a volatile field.
 */
final class SideField {

  private static final Object NULL = new Object();
  private static final MethodHandle GET;
  private static final MethodHandle SET;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      GET = lookup.findVirtual(SideField.class, "get", MethodType.methodType(Object.class, Object.class));
      SET = lookup.findVirtual(SideField.class, "set",
          MethodType.methodType(void.class, Object.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Map<Object, Object> values = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final Object defaultValue;
  private volatile MethodHandle initializer;

  /** @param type the field's type, whose default value an object without one reads */
  SideField(Class<?> type) {
    this.defaultValue = type.isPrimitive() ? defaultOf(type) : null;
  }

  /** @param initializer {@code (owner type)field type}, or {@code null} for the default value */
  void initializer(MethodHandle initializer) {
    this.initializer = initializer == null ? null
        : initializer.asType(MethodType.methodType(Object.class, Object.class));
  }

  /** {@code (owner)field type} reading the field. */
  MethodHandle getter(Class<?> owner, Class<?> type) {
    return GET.bindTo(this).asType(MethodType.methodType(type, owner));
  }

  /** {@code (owner, field type)void} writing the field. */
  MethodHandle setter(Class<?> owner, Class<?> type) {
    return SET.bindTo(this).asType(MethodType.methodType(void.class, owner, type));
  }

  Object get(Object owner) throws Throwable {
    Object value = values.get(new Probe(owner));
    if (value == null) {
      MethodHandle first = initializer;
      Object computed = first == null ? defaultValue : (Object) first.invokeExact(owner);
      value = values.putIfAbsent(new Key(owner, collected), computed == null ? NULL : computed);
      expunge();
      if (value == null) {
        return computed;
      }
    }
    return value == NULL ? null : value;
  }

  void set(Object owner, Object value) {
    values.put(new Key(owner, collected), value == null ? NULL : value);
    expunge();
  }

  /** How many objects have a value; for tests. */
  int size() {
    expunge();
    return values.size();
  }

  private void expunge() {
    for (Object stale = collected.poll(); stale != null; stale = collected.poll()) {
      values.remove(stale);
    }
  }

  private static Object defaultOf(Class<?> type) {
    try {
      return MethodHandles.zero(type).invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("no default value for " + type, e);
    }
  }

  /** A weak key, equal to another key or probe for the same object. */
  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object owner, ReferenceQueue<Object> queue) {
      super(owner, queue);
      this.hash = System.identityHashCode(owner);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other == this || other instanceof Key key && key.get() != null && key.get() == get()
          || other instanceof Probe probe && probe.owner == get();
    }
  }

  /** A lookup key that holds its object only for the lookup. */
  private record Probe(Object owner) {
    @Override
    public int hashCode() {
      return System.identityHashCode(owner);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.get() == owner || other instanceof Probe probe && probe.owner == owner;
    }
  }
}
