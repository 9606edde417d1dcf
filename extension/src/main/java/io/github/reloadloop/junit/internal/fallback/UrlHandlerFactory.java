package io.github.reloadloop.junit.internal.fallback;

import io.github.reloadloop.core.internal.redefine.AgentLoader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLStreamHandlerFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JVM's {@code URLStreamHandlerFactory}, which {@link URL#setURLStreamHandlerFactory} sets once for the
 * JVM's life: a static initialiser that sets it runs again in a fresh class loader and would throw
 * "factory already defined". To give each world its own, the {@code java.net} package is opened to
 * reload-loop through the reload agent and the factory (with the handlers cached from it) is read and
 * written directly. When that is not possible (no agent, a JDK whose fields differ), {@link #available()}
 * is false and the factory is left alone.
 */
final class UrlHandlerFactory {

  /** The factory and the protocol handlers cached from it. */
  record State(URLStreamHandlerFactory factory, Map<Object, Object> handlers) {}

  private final Field factory;
  private final Field handlers;

  private UrlHandlerFactory(Field factory, Field handlers) {
    this.factory = factory;
    this.handlers = handlers;
  }

  /** Access to the factory, or {@code null} when this JVM does not allow it. */
  static UrlHandlerFactory open() {
    try {
      Module javaBase = URL.class.getModule();
      Module own = UrlHandlerFactory.class.getModule();
      if (!javaBase.isOpen("java.net", own)) {
        AgentLoader.load().instrumentation().redefineModule(javaBase, Set.of(), Map.of(),
            Map.of("java.net", Set.of(own)), Set.of(), Map.of());
      }
      Field factory = URL.class.getDeclaredField("factory");
      Field handlers = URL.class.getDeclaredField("handlers");
      if (!Modifier.isStatic(factory.getModifiers()) || !Map.class.isAssignableFrom(handlers.getType())) {
        return null;
      }
      factory.setAccessible(true);
      handlers.setAccessible(true);
      return new UrlHandlerFactory(factory, handlers);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // A JDK without these fields, or no agent: the factory stays set-once, as the README says.
    }
  }

  State read() {
    try {
      @SuppressWarnings("unchecked")
      Map<Object, Object> cached = (Map<Object, Object>) handlers.get(null);
      synchronized (cached) {
        return new State((URLStreamHandlerFactory) factory.get(null), new HashMap<>(cached));
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("java.net was opened but its fields are not accessible", e);
    }
  }

  void write(State state) {
    try {
      @SuppressWarnings("unchecked")
      Map<Object, Object> cached = (Map<Object, Object>) handlers.get(null);
      synchronized (cached) {
        factory.set(null, state.factory());
        cached.clear();
        cached.putAll(state.handlers());
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("java.net was opened but its fields are not accessible", e);
    }
  }
}
