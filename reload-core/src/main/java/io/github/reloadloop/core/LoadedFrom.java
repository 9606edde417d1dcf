package io.github.reloadloop.core;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Tells whether a loaded class came from a given class output directory. Only such classes are ours to
 * redefine: another loader may hold a class of the same name from another directory (a second project in
 * the same JVM, or a discarded class loader not collected yet).
 */
final class LoadedFrom {

  private LoadedFrom() {}

  /** True when {@code type} was loaded from {@code directory}, or when either is unknown. */
  static boolean directory(Class<?> type, Path directory) {
    if (directory == null) {
      return true;
    }
    CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null || !"file".equals(location.getProtocol())) {
      return true;
    }
    try {
      return Path.of(location.toURI()).toAbsolutePath().normalize().equals(directory);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return true; // An odd location: let the shape comparison and the JVM decide.
    }
  }
}
