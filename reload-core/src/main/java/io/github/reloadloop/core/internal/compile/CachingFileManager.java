package io.github.reloadloop.core.internal.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Remembers package listings between compiles. A compiler lists every package it touches on every compile
 * (for a one-file patch about a dozen: {@code java.lang}, {@code java.util}, the project's own packages),
 * and listing a class directory costs a directory read and a file object per entry: a quarter of a warm
 * javac compile. The JDK's modules do not change while the JVM runs, so their listings are kept; a class
 * path listing is kept while the package's directory in every class directory keeps its modification time,
 * and only once that time is old enough that a file added within the same timestamp tick would have shown:
 * {@value #SETTLED_MILLIS} ms, or {@value #SETTLED_MILLIS_COARSE} ms for a time with no sub-second part
 * (file systems that keep whole seconds).
 *
 * <p>Threading: not thread-safe; {@link ToolCompiler} compiles one batch at a time.
 */
final class CachingFileManager extends ForwardingJavaFileManager<JavaFileManager> {

  static final long SETTLED_MILLIS = 100;
  static final long SETTLED_MILLIS_COARSE = 2_000;

  private record Key(Location location, String packageName, Set<JavaFileObject.Kind> kinds) {}

  private record Listing(List<JavaFileObject> files, long[] stamps) {}

  private final List<Path> classDirectories;
  private final Set<Location> fixedLocations = new HashSet<>();
  private final Map<Key, Listing> listings = new HashMap<>();

  /**
   * @param classpath the class path the delegate was given; its entries that are not archives are watched
   *     for changes by modification time
   */
  CachingFileManager(JavaFileManager delegate, List<Path> classpath) {
    super(delegate);
    this.classDirectories = classpath.stream().filter(p -> !isArchive(p)).toList();
    fixedLocations.add(StandardLocation.PLATFORM_CLASS_PATH);
    try {
      if (delegate.hasLocation(StandardLocation.SYSTEM_MODULES)) {
        delegate.listLocationsForModules(StandardLocation.SYSTEM_MODULES).forEach(fixedLocations::addAll);
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // No module locations to list (an older compiler API): JDK packages are listed on every compile.
      fixedLocations.remove(StandardLocation.SYSTEM_MODULES);
    }
  }

  @Override
  public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
      boolean recurse) throws IOException {
    boolean fixed = fixedLocations.contains(location);
    if (recurse || !fixed && location != StandardLocation.CLASS_PATH) {
      return super.list(location, packageName, kinds, recurse);
    }
    Key key = new Key(location, packageName, Set.copyOf(kinds));
    long[] stamps = fixed ? null : stamps(packageName);
    Listing cached = listings.get(key);
    if (cached != null && (fixed || Arrays.equals(cached.stamps(), stamps))) {
      return cached.files();
    }
    long listedAt = System.currentTimeMillis();
    List<JavaFileObject> files = new ArrayList<>();
    super.list(location, packageName, kinds, false).forEach(files::add);
    if (fixed || settled(stamps, listedAt)) {
      listings.put(key, new Listing(List.copyOf(files), stamps));
    } else {
      listings.remove(key);
    }
    return files;
  }

  /** Modification time of the package's directory in each class directory, or -1 where it is absent. */
  private long[] stamps(String packageName) {
    String relative = packageName.replace('.', '/');
    long[] stamps = new long[classDirectories.size()];
    for (int i = 0; i < stamps.length; i++) {
      Path directory = relative.isEmpty() ? classDirectories.get(i) : classDirectories.get(i).resolve(relative);
      try {
        stamps[i] = Files.getLastModifiedTime(directory).toMillis();
      } catch (IOException e) {
        stamps[i] = -1; // No such package directory (yet): its appearance changes the stamp.
      }
    }
    return stamps;
  }

  private static boolean settled(long[] stamps, long listedAt) {
    for (long stamp : stamps) {
      long margin = stamp % 1_000 == 0 ? SETTLED_MILLIS_COARSE : SETTLED_MILLIS;
      if (stamp > listedAt - margin) {
        return false;
      }
    }
    return true;
  }

  static boolean isArchive(Path entry) {
    String name = entry.getFileName() == null ? "" : entry.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".jar") || name.endsWith(".zip");
  }
}
