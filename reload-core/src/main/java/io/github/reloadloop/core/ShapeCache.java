package io.github.reloadloop.core;

import io.github.reloadloop.core.redefine.ClassShape;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The shape of the version of each loaded class that is running now: read from its class loader the first
 * time, then updated with every redefinition. Weak keys, so that discarded class loaders can be collected.
 */
final class ShapeCache {

  private final Map<Class<?>, ClassShape> shapes = new WeakHashMap<>();

  /** The running shape, or {@code null} when the class file cannot be found (the JVM will judge alone). */
  synchronized ClassShape get(Class<?> type) {
    ClassShape shape = shapes.get(type);
    if (shape == null) {
      shape = readFromLoader(type);
      if (shape != null) {
        shapes.put(type, shape);
      }
    }
    return shape;
  }

  synchronized void put(Class<?> type, ClassShape shape) {
    shapes.put(type, shape);
  }

  private static ClassShape readFromLoader(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return null;
    }
    try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in == null ? null : ClassShape.parse(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      return null; // Unreadable class file: redefinition goes ahead and the JVM has the last word.
    }
  }
}
