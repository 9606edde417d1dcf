package io.github.reloadloop.junit.internal.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which project classes a class can reach, read from the class files of the project's class directories and
 * jars (a sibling module's, loaded from its installed jar):
 * a class reaches every class its constant pool names, transitively. Only project classes are followed
 * (libraries cannot reach back into the project without reflection). A class that looks classes up by name
 * or uses a class-path-scanning framework ({@link ClassReferences#reflective()}) may reach any project
 * class, and whoever reaches it is counted as reaching every class.
 *
 * <p>Parsed lazily and cached; {@link #changed} drops what a reload made stale. Thread-safe.
 */
public final class ClassGraph {

  /** What a set of classes reaches. */
  public record Reach(Set<String> classes, Optional<String> reflectiveVia) {

    /** Whether anything of {@code targets} is reached (always, when reached through reflection). */
    public boolean reachesAny(Collection<String> targets) {
      if (targets.isEmpty()) {
        return false;
      }
      if (reflectiveVia.isPresent()) {
        return true;
      }
      for (String target : targets) {
        if (classes.contains(target)) {
          return true;
        }
      }
      return false;
    }

    /** The targets reached, or all of them when reached through reflection. */
    public Set<String> reached(Collection<String> targets) {
      Set<String> reached = new LinkedHashSet<>();
      for (String target : targets) {
        if (reflectiveVia.isPresent() || classes.contains(target)) {
          reached.add(target);
        }
      }
      return reached;
    }
  }

  /** Where a class file is: a file, or an entry of a jar. */
  private record Location(Path file, String entry) {

    byte[] read() throws IOException {
      if (entry == null) {
        return Files.readAllBytes(file);
      }
      try (ZipFile jar = new ZipFile(file.toFile())) {
        ZipEntry found = jar.getEntry(entry);
        if (found == null) {
          throw new IOException(entry + " is gone from " + file);
        }
        try (InputStream in = jar.getInputStream(found)) {
          return in.readAllBytes();
        }
      }
    }
  }

  private final List<Path> locations;
  private final Predicate<String> notProject;
  private Map<String, Location> index;
  private final Map<String, ClassReferences> nodes = new HashMap<>();
  /** Reaches computed since the last {@link #changed}: asked for every test class and every test. */
  private final Map<List<String>, Reach> reaches = new HashMap<>();

  /**
   * @param locations the project's class directories and jars in lookup order (where a class is found first
   *     is where it is read from: put directories of newer class files first)
   * @param notProject classes in those locations that are not the project's (reload-loop's own, when it
   *     is built as part of the project)
   */
  public ClassGraph(List<Path> locations, Predicate<String> notProject) {
    this.locations = List.copyOf(locations);
    this.notProject = notProject;
  }

  /** The project classes reachable from {@code roots}, the roots included. */
  public synchronized Reach reach(Collection<String> roots) {
    List<String> key = List.copyOf(roots);
    Reach known = reaches.get(key);
    if (known == null) {
      known = walk(key);
      reaches.put(key, known);
    }
    return known;
  }

  private Reach walk(List<String> roots) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    String reflective = null;
    for (String root : roots) {
      if (seen.add(root)) {
        queue.add(root);
      }
    }
    while (!queue.isEmpty()) {
      ClassReferences node = node(queue.poll());
      if (node == null) {
        continue;
      }
      if (node.reflective() && reflective == null) {
        reflective = node.name();
      }
      for (String referenced : node.classes()) {
        if (isProjectClass(referenced) && seen.add(referenced)) {
          queue.add(referenced);
        }
      }
    }
    seen.removeIf(name -> !isProjectClass(name));
    return new Reach(Set.copyOf(seen), Optional.ofNullable(reflective));
  }

  /**
   * The project classes {@code root} reaches, nearest first (the root, then the classes it names, then
   * theirs), at most {@code max}: the classes a fix for a failure of {@code root} most likely edits.
   */
  public synchronized List<String> nearest(String root, int max) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(root));
    seen.add(root);
    List<String> found = new ArrayList<>();
    while (!queue.isEmpty() && found.size() < max) {
      String name = queue.poll();
      ClassReferences node = node(name);
      if (node == null) {
        continue;
      }
      found.add(name);
      for (String referenced : node.classes()) {
        if (isProjectClass(referenced) && seen.add(referenced)) {
          queue.add(referenced);
        }
      }
    }
    return found;
  }

  /** Whether {@code className} is a class of the project (found in one of its class directories or jars). */
  public synchronized boolean isProjectClass(String className) {
    return index().containsKey(className);
  }

  /**
   * Forgets what is known of these classes: they were reloaded or added, and are read again from the
   * locations when next needed.
   */
  public synchronized void changed(Collection<String> classNames) {
    reaches.clear();
    for (String name : classNames) {
      nodes.remove(name);
      if (index != null && !notProject.test(name)) {
        Location location = locate(name);
        if (location != null) {
          index.put(name, location);
        }
      }
    }
  }

  private ClassReferences node(String name) {
    ClassReferences node = nodes.get(name);
    if (node != null) {
      return node;
    }
    Location location = index().get(name);
    if (location == null) {
      return null;
    }
    try {
      node = ClassReferences.parse(location.read());
    } catch (IOException | IllegalArgumentException e) {
      // Gone or unreadable: it reaches nothing we can see; a class that vanished cannot be run anyway.
      node = new ClassReferences(name, Set.of(), false);
    }
    nodes.put(name, node);
    return node;
  }

  private Location locate(String name) {
    String relative = name.replace('.', '/') + ".class";
    for (Path location : locations) {
      if (Files.isRegularFile(location)) {
        try (ZipFile jar = new ZipFile(location.toFile())) {
          if (jar.getEntry(relative) != null) {
            return new Location(location, relative);
          }
        } catch (IOException e) {
          continue; // An unreadable jar: the class cannot be loaded from it either.
        }
        continue;
      }
      Path file = location.resolve(relative);
      if (Files.isRegularFile(file)) {
        return new Location(file, null);
      }
    }
    return null;
  }

  private Map<String, Location> index() {
    if (index == null) {
      Map<String, Location> found = new HashMap<>();
      for (Path location : locations) {
        if (Files.isRegularFile(location)) {
          indexJar(location, found);
          continue;
        }
        if (!Files.isDirectory(location)) {
          continue;
        }
        try (Stream<Path> tree = Files.walk(location)) {
          tree.filter(p -> p.getFileName().toString().endsWith(".class") && !isVersionedEntry(location, p))
              .forEach(p -> add(className(location, p), new Location(p, null), found));
        } catch (IOException | UncheckedIOException e) {
          // A directory that vanished mid-walk: its classes cannot be run either.
          continue;
        }
      }
      index = found;
    }
    return index;
  }

  private void indexJar(Path jar, Map<String, Location> found) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
          add(name.substring(0, name.length() - ".class".length()).replace('/', '.'), new Location(jar, name), found);
        }
      }
    } catch (IOException e) {
      // An unreadable jar: its classes cannot be loaded either.
      return;
    }
  }

  private void add(String name, Location location, Map<String, Location> found) {
    if (!notProject.test(name)) {
      found.putIfAbsent(name, location);
    }
  }

  /** A class under {@code META-INF/versions/N} of a multi-release directory belongs to that layer's own entry. */
  private static boolean isVersionedEntry(Path directory, Path file) {
    return directory.relativize(file).startsWith("META-INF");
  }

  private static String className(Path directory, Path file) {
    String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
  }
}
