package io.github.reloadloop.junit.internal.fallback;

import io.github.reloadloop.core.internal.project.Classpath;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's own class locations, as a fresh class loader must cover them: every directory on the
 * test class path (main and test output, multi-release overlays, additional class path elements,
 * generated-test-classes, sibling modules' output in a reactor), in class path order, then the jars of sibling
 * modules the reloader watches (as {@code mvn test -pl app} loads them), each preceded by the reloader's
 * overlay of patched and new classes for it. Directories are the project's; other jars are its
 * dependencies. Found from the context class loader's chain (URL class loaders) and the JVM's class path
 * (which, under Surefire, includes the manifest-only booter jar's entries).
 */
final class ProjectClasspath {

  private ProjectClasspath() {}

  /**
   * @param context the class loader the tests are loaded through
   * @param overlays for a class directory, the directory of its newer class files
   * @param extraEntries further project entries (jars of sibling modules), searched after the directories,
   *     each after its overlay
   */
  public static List<Path> of(ClassLoader context, Map<Path, Path> overlays, List<Path> extraEntries) {
    Set<Path> directories = new LinkedHashSet<>();
    for (ClassLoader loader = context; loader != null; loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls && !(loader instanceof FreshClassLoader)) {
        for (URL url : urls.getURLs()) {
          Path entry = path(url);
          if (entry != null && Files.isDirectory(entry)) {
            directories.add(entry);
          }
        }
      }
    }
    for (Path entry : Classpath.ofRunningJvm()) {
      if (Files.isDirectory(entry)) {
        directories.add(entry);
      }
    }
    List<Path> entries = new ArrayList<>();
    for (Path directory : directories) {
      Path overlay = overlays.get(directory);
      if (overlay != null) {
        entries.add(overlay); // Even before it exists: the reloader creates it at its first write.
      }
      entries.add(directory);
    }
    for (Path entry : extraEntries) {
      if (!entries.contains(entry)) {
        Path overlay = overlays.get(entry);
        if (overlay != null) {
          entries.add(overlay);
        }
        entries.add(entry);
      }
    }
    return List.copyOf(entries);
  }

  private static Path path(URL url) {
    if (!"file".equals(url.getProtocol())) {
      return null;
    }
    try {
      return Path.of(url.toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null; // An odd URL is no directory of ours.
    }
  }
}
