package io.github.reloadloop.core.internal.redefine;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Defines a new class into the class loader that would have loaded it, so that code can use it at once:
 * through a full-privilege lookup on a loaded class of the same package, or, for a package with no loaded
 * class yet, through {@code ClassLoader.defineClass}, for which {@code java.lang} is opened to reload-core
 * with the instrumentation.
 *
 * <p>Threading: the reload thread.
 */
final class ClassDefiner {

  private final Instrumentation instrumentation;
  private Method defineClass;

  ClassDefiner(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
  }

  /**
   * Defines the class.
   *
   * @throws ReflectiveOperationException or {@link LinkageError} when the loader refuses it; the message says why
   */
  Class<?> define(RedefinitionPlan.Definition definition) throws ReflectiveOperationException {
    if (definition.neighbour() != null) {
      try {
        return MethodHandles.privateLookupIn(definition.neighbour(), MethodHandles.lookup())
            .defineClass(definition.bytes());
      } catch (IllegalAccessException e) {
        // The neighbour's module does not open its package to reload-core: define through the loader instead.
        return defineThroughLoader(definition.loader(), definition);
      }
    }
    return defineThroughLoader(definition.loader(), definition);
  }

  private Class<?> defineThroughLoader(ClassLoader loader, RedefinitionPlan.Definition definition)
      throws ReflectiveOperationException {
    try {
      return (Class<?>) defineClassMethod().invoke(loader, definition.name(), definition.bytes(), 0,
          definition.bytes().length, definition.domain());
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof LinkageError linkage) {
        throw linkage;
      }
      throw e;
    }
  }

  private Method defineClassMethod() throws NoSuchMethodException {
    if (defineClass == null) {
      Module javaBase = Object.class.getModule();
      Module self = ClassDefiner.class.getModule();
      if (!javaBase.isOpen("java.lang", self)) {
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(self)), Set.of(),
            Map.of());
      }
      Method method = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class,
          int.class, ProtectionDomain.class);
      method.setAccessible(true);
      defineClass = method;
    }
    return defineClass;
  }
}
