package io.github.reloadloop.core;

import io.github.reloadloop.core.redefine.ClassShape;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The version of each loaded class that is running now, as class file bytes and shape: read from its
 * class loader the first time, then updated with every redefinition. Weak keys, so that discarded class
 * loaders can be collected.
 */
final class ShapeCache {

  private record Running(ClassShape shape, byte[] bytes) {}

  private final Map<Class<?>, Running> running = new WeakHashMap<>();

  /** The running shape, or {@code null} when the class file cannot be found (the JVM will judge alone). */
  synchronized ClassShape get(Class<?> type) {
    Running version = lookup(type);
    return version == null ? null : version.shape();
  }

  /** Whether {@code bytes} are exactly the running version (nothing to redefine, nothing to report). */
  synchronized boolean unchanged(Class<?> type, byte[] bytes) {
    Running version = lookup(type);
    return version != null && Arrays.equals(version.bytes(), bytes);
  }

  synchronized void put(Class<?> type, ClassShape shape, byte[] bytes) {
    running.put(type, new Running(shape, bytes));
  }

  private Running lookup(Class<?> type) {
    Running version = running.get(type);
    if (version == null) {
      version = readFromLoader(type);
      if (version != null) {
        running.put(type, version);
      }
    }
    return version;
  }

  private static Running readFromLoader(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return null;
    }
    try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      if (in == null) {
        return null;
      }
      byte[] bytes = in.readAllBytes();
      return new Running(ClassShape.parse(bytes), bytes);
    } catch (IOException | RuntimeException e) {
      return null; // Unreadable class file: redefinition goes ahead and the JVM has the last word.
    }
  }
}
