package io.github.reloadloop.core.internal.redefine;

import io.github.reloadloop.core.internal.classfile.ClassShape;

/**
 * The version of a loaded class that runs now, against which a patch is compared. The default reads the
 * class file from the class loader the first time and follows every redefinition afterwards; a capture of
 * the class as loaded (with what other agents added at load time) can take its place.
 */
public interface RunningVersions {

  /**
   * A running version.
   *
   * @param bytes its class file
   * @param shape its shape
   */
  record Version(byte[] bytes, ClassShape shape) {}

  /** The running version of {@code type}, or {@code null} when unknown (the JVM then judges the patch alone). */
  Version of(Class<?> type);

  /** Records that {@code type} now runs {@code bytes} (redefined, or newly defined by the reloader). */
  void replaced(Class<?> type, byte[] bytes);

  /** Reads class files from class loaders, remembering every replacement; weakly keyed by class. */
  static RunningVersions fromClassLoaders() {
    return new ShapeCache();
  }
}
