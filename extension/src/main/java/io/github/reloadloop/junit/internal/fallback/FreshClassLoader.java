package io.github.reloadloop.junit.internal.fallback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A child-first class loader over the project's own class locations ({@link ProjectClasspath}), for tests
 * that must see changes the JVM refused to redefine: every class and resource found in those locations is
 * loaded anew here, so that no type is split between this loader and its parent (a class found here never
 * resolves a project class from the parent, whose interfaces would be the parent's). Everything else, the
 * dependencies' jars, comes from the parent, by rule rather than by a list of packages. The JDK's classes and
 * reload-loop's own always come from the parent, so that there is one copy of the loop and one of JUnit.
 */
public final class FreshClassLoader extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  /** reload-loop's own packages (its core and this extension), not those of a project that shares the prefix. */
  private static final java.util.List<String> OWN_PACKAGES = java.util.List.of("io.github.reloadloop.core.",
      "io.github.reloadloop.junit.");

  private final int generation;
  private final List<Path> entries;

  /**
   * @param entries the project's class locations in lookup order (overlays of newer class files first)
   * @param generation a number shown in the loader's name, for diagnostics
   */
  public FreshClassLoader(List<Path> entries, ClassLoader parent, int generation) {
    super("reload-loop-fresh-" + generation, urls(entries), parent);
    this.generation = generation;
    this.entries = List.copyOf(entries);
  }

  public int generation() {
    return generation;
  }

  /** The project locations this loader loads from, in lookup order. */
  public List<Path> entries() {
    return entries;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (alwaysFromParent(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException e) {
          return super.loadClass(name, resolve); // Not the project's: a dependency or the JDK.
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = isOwnClassFile(name) ? null : findResource(name);
    return own != null ? own : super.getResource(name);
  }

  /** The project's resources of this name first, then the parent's from outside the project's locations. */
  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> found = new ArrayList<>();
    if (!isOwnClassFile(name)) {
      found.addAll(Collections.list(findResources(name)));
    }
    Enumeration<URL> parents = getParent() == null ? Collections.emptyEnumeration() : getParent().getResources(name);
    while (parents.hasMoreElements()) {
      URL url = parents.nextElement();
      if (!inProject(url)) {
        found.add(url);
      }
    }
    return Collections.enumeration(found);
  }

  /** Whether a class always comes from the parent: the JDK's and reload-loop's own. */
  public static boolean alwaysFromParent(String className) {
    return className.startsWith("java.") || OWN_PACKAGES.stream().anyMatch(className::startsWith);
  }

  private static boolean isOwnClassFile(String resource) {
    return resource.endsWith(".class") && alwaysFromParent(resource.replace('/', '.'));
  }

  private boolean inProject(URL url) {
    Path path = path(url);
    if (path == null) {
      return false;
    }
    for (Path entry : entries) {
      if (path.startsWith(entry)) {
        return true;
      }
    }
    return false;
  }

  /** The local file of a {@code file:} URL, or the jar of a {@code jar:file:...!/entry} URL; else {@code null}. */
  static Path path(URL url) {
    try {
      if ("jar".equals(url.getProtocol())) {
        String spec = url.getPath();
        int separator = spec.indexOf("!/");
        return separator < 0 ? null : path(new URL(spec.substring(0, separator)));
      }
      return "file".equals(url.getProtocol()) ? Path.of(url.toURI()).toAbsolutePath().normalize() : null;
    } catch (URISyntaxException | IllegalArgumentException | MalformedURLException e) {
      return null; // Not a local file: not one of the project's locations.
    }
  }

  private static URL[] urls(List<Path> entries) {
    return entries.stream().map(FreshClassLoader::url).toArray(URL[]::new);
  }

  private static URL url(Path entry) {
    try {
      return entry.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(new IOException("bad class location " + entry, e));
    }
  }
}
