package io.github.reloadloop.core.internal.redefine;

import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the JVM has loaded that a patch concerns, from one pass over the loaded classes: the loaded versions
 * of the patch's classes, and for each class directory the class loaders that load from it (with a loaded
 * class of each package, to define new classes next to). A class counts as loaded from a directory when its
 * code source is that directory or its overlay; another loader may hold a class of the same name from
 * elsewhere (another project, a multi-release layer, a discarded loader not collected yet).
 */
final class LoadedClasses {

  /** A class loader that loads from a class directory, and a loaded class of each package there. */
  record Loader(ClassLoader loader, Map<String, Class<?>> neighbours, Class<?> anyClass) {}

  private final Map<String, List<Class<?>>> byName = new HashMap<>();
  private final Map<Class<?>, Path> locations = new HashMap<>();
  private final Map<Path, Map<ClassLoader, Loader>> loaders = new HashMap<>();
  private final Map<Path, Set<ClassLoader>> overlayReaders = new HashMap<>();

  private LoadedClasses() {}

  /**
   * Scans the loaded classes.
   *
   * @param names the binary names of the patch's classes
   * @param overlays the overlay directory of each class directory of interest ({@code null} value: none)
   */
  static LoadedClasses scan(Instrumentation instrumentation, Set<String> names, Map<Path, Path> overlays) {
    LoadedClasses loaded = new LoadedClasses();
    Map<Path, Path> overlayToClassDirectory = new HashMap<>();
    overlays.forEach((classDirectory, overlay) -> {
      if (overlay != null) {
        overlayToClassDirectory.put(overlay, classDirectory);
      }
    });
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      Origin origin = ORIGINS.get(type);
      if (origin == SKIPPED) {
        continue;
      }
      Path location = origin.location();
      if (names.contains(type.getName())) {
        loaded.byName.computeIfAbsent(type.getName(), n -> new ArrayList<>()).add(type);
        loaded.locations.put(type, location);
      }
      if (location == null) {
        continue;
      }
      if (overlays.containsKey(location)) {
        Loader loader = loaded.loaders.computeIfAbsent(location, d -> new LinkedHashMap<>())
            .computeIfAbsent(type.getClassLoader(), l -> new Loader(l, new HashMap<>(), type));
        loader.neighbours().putIfAbsent(origin.packageName(), type);
      } else if (overlayToClassDirectory.containsKey(location)) {
        loaded.overlayReaders.computeIfAbsent(overlayToClassDirectory.get(location), d -> new LinkedHashSet<>())
            .add(type.getClassLoader());
      }
    }
    return loaded;
  }

  /**
   * Where a loaded class came from and its package, worked out once per class: a JVM has thousands, and
   * asking each for its protection domain on every reload took longer than the redefinition itself.
   */
  private record Origin(Path location, String packageName) {}

  private static final Origin SKIPPED = new Origin(null, "");

  private static final ClassValue<Origin> ORIGINS = new ClassValue<>() {
    @Override
    protected Origin computeValue(Class<?> type) {
      if (type.isArray() || type.isPrimitive() || type.isHidden() || type.getClassLoader() == null) {
        return SKIPPED;
      }
      ProtectionDomain domain = type.getProtectionDomain();
      return new Origin(domain == null ? null : location(domain), type.getPackageName());
    }
  };

  /** Every loaded class of the names the scan was asked for, in whatever loader. */
  List<Class<?>> named() {
    return byName.values().stream().flatMap(List::stream).toList();
  }

  /**
   * The loaded versions of a class that came from {@code classDirectory} or its overlay, or from an unknown
   * place; every version when the class directory is unknown.
   */
  List<Class<?>> versions(String name, Path classDirectory, Path overlay) {
    List<Class<?>> versions = new ArrayList<>();
    for (Class<?> type : byName.getOrDefault(name, List.of())) {
      Path location = locations.get(type);
      if (classDirectory == null || location == null || location.equals(classDirectory)
          || location.equals(overlay)) {
        versions.add(type);
      }
    }
    return versions;
  }

  /** Every class loader that has loaded a class of this name, from wherever. */
  Set<ClassLoader> loadersOf(String name) {
    Set<ClassLoader> found = new HashSet<>();
    byName.getOrDefault(name, List.of()).forEach(type -> found.add(type.getClassLoader()));
    return found;
  }

  /**
   * The class loaders that load from {@code classDirectory} and would not find a class in its overlay by
   * themselves: a new class must be defined into them.
   */
  Collection<Loader> definingLoaders(Path classDirectory, Path overlay) {
    Map<ClassLoader, Loader> found = loaders.getOrDefault(classDirectory, Map.of());
    Set<ClassLoader> readers = overlayReaders.getOrDefault(classDirectory, Set.of());
    return found.values().stream()
        .filter(l -> !readers.contains(l.loader()) && !searches(l.loader(), overlay))
        .toList();
  }

  private static boolean searches(ClassLoader loader, Path overlay) {
    if (overlay == null || !(loader instanceof URLClassLoader urls)) {
      return false;
    }
    return Arrays.stream(urls.getURLs()).map(LoadedClasses::path).anyMatch(p -> Objects.equals(p, overlay));
  }

  private static Path location(ProtectionDomain domain) {
    CodeSource source = domain.getCodeSource();
    return source == null ? null : path(source.getLocation());
  }

  /** A {@code file:} URL as a normalized path, or {@code null} (another protocol, an odd URL). */
  static Path path(URL location) {
    if (location == null || !"file".equals(location.getProtocol())) {
      return null;
    }
    try {
      return Path.of(location.toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null; // An odd location: treated as unknown, so the shape comparison and the JVM decide.
    }
  }
}
