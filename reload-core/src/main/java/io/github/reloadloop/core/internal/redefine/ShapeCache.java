package io.github.reloadloop.core.internal.redefine;

import io.github.reloadloop.core.internal.classfile.ClassShape;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * {@link RunningVersions} read from each class's loader the first time, then updated with every
 * redefinition. Weak keys, so that discarded class loaders can be collected.
 */
final class ShapeCache implements RunningVersions {

  private final Map<Class<?>, Version> running = new WeakHashMap<>();

  @Override
  public synchronized Version of(Class<?> type) {
    Version version = running.get(type);
    if (version == null) {
      version = readFromLoader(type);
      if (version != null) {
        running.put(type, version);
      }
    }
    return version;
  }

  @Override
  public synchronized void replaced(Class<?> type, byte[] bytes) {
    running.put(type, new Version(bytes, ClassShape.parse(bytes)));
  }

  private static Version readFromLoader(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return null;
    }
    try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      if (in == null) {
        return null;
      }
      byte[] bytes = in.readAllBytes();
      return new Version(bytes, ClassShape.parse(bytes));
    } catch (IOException | RuntimeException e) {
      return null; // Unreadable class file: redefinition goes ahead and the JVM has the last word.
    }
  }
}
