package io.github.reloadloop.core.internal.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where each source root's classes live. A root's class directory is the one given (a sibling module's jar counts
 * as one: its classes are read from it), else the classpath directory that holds its classes (falling back to
 * Maven's and Gradle's conventions); a multi-release root such as {@code src/main/java11} belongs to a {@code
 * META-INF/versions/11} directory. Where roots overlap, a file belongs to the innermost. Immutable.
 */
public final class ProjectLayout {

  /** How many source files are looked for on the class path to find a root's class directory. */
  private static final int SAMPLE = 200;
  private static final Pattern RELEASE_ROOT = Pattern.compile("java(\\d+)");

  /** A source root and its class directory ({@code null} when none is known). */
  private record Root(Path directory, Path classDirectory) {}

  private final Map<Path, Root> roots = new LinkedHashMap<>();

  /**
   * @param sourceRoots absolute, normalized source directories
   * @param explicitClassDirectories class directories given by the user, by root
   * @param classpath the running JVM's classpath, where class directories are looked for
   */
  public ProjectLayout(List<Path> sourceRoots, Map<Path, Path> explicitClassDirectories, List<Path> classpath) {
    for (Path root : sourceRoots) {
      Path classDirectory = explicitClassDirectories.get(root);
      if (classDirectory == null) {
        classDirectory = findClassDirectory(root, classpath);
      }
      classDirectory = classDirectory == null ? null : classDirectory.toAbsolutePath().normalize();
      roots.put(root, new Root(root, classDirectory));
    }
  }

  /** The source roots, in the order given. */
  public List<Path> sourceRoots() {
    return List.copyOf(roots.keySet());
  }

  /** The class directory of each root that has one. */
  public Map<Path, Path> classDirectories() {
    Map<Path, Path> directories = new LinkedHashMap<>();
    roots.values().stream().filter(r -> r.classDirectory() != null)
        .forEach(r -> directories.put(r.directory(), r.classDirectory()));
    return directories;
  }

  /** The root a source file belongs to (the innermost, when roots overlap), or {@code null}. */
  public Path rootOf(Path file) {
    Path found = null;
    for (Path root : roots.keySet()) {
      if (file.startsWith(root) && (found == null || root.getNameCount() > found.getNameCount())) {
        found = root;
      }
    }
    return found;
  }

  /** The class directory of the root that holds {@code file}, or {@code null}. */
  public Path classDirectoryOf(Path file) {
    Path root = rootOf(file);
    return root == null ? null : roots.get(root).classDirectory();
  }

  /** Whether a class directory holds the package of {@code binaryName} (a hidden class's name included). */
  public boolean holdsPackageOf(String binaryName) {
    int slash = binaryName.indexOf('/');
    String name = slash < 0 ? binaryName : binaryName.substring(0, slash);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return false;
    }
    String directory = name.substring(0, dot).replace('.', '/');
    return classDirectories().values().stream().anyMatch(root -> Files.isDirectory(root.resolve(directory)));
  }

  /** The class file of a binary class name below a class directory. */
  public static Path classFile(Path classDirectory, String className) {
    return classDirectory.resolve(className.replace('.', '/') + ".class");
  }

  /**
   * Whether {@code source}, last modified at {@code modified}, may hold changes its classes do not have: its
   * main class file ({@code Name.class} in its root's class directory, or the jar its classes come from) is
   * older, or missing (a new file, or one whose classes are named otherwise). Maven's incremental compile uses
   * the same rule.
   */
  public boolean newerThanClassFile(Path source, java.time.Instant modified) {
    Path root = rootOf(source);
    Path classDirectory = root == null ? null : roots.get(root).classDirectory();
    if (classDirectory == null) {
      return true;
    }
    Path relative = root.relativize(source);
    Path classFile = Files.isDirectory(classDirectory)
        ? classDirectory.resolve(relative.toString().replaceFirst("\\.java$", ".class")) : classDirectory;
    try {
      return Files.getLastModifiedTime(classFile).toInstant().isBefore(modified);
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * The class files the build made from {@code source}: {@code Name.class} first, then {@code Name$*.class};
   * read from its root's class directory or jar.
   */
  public List<byte[]> classFilesOf(Path source) {
    Path root = rootOf(source);
    Path classDirectory = root == null ? null : roots.get(root).classDirectory();
    if (classDirectory == null) {
      return List.of();
    }
    Path relative = root.relativize(source);
    String base = relative.getFileName().toString().replaceFirst("\\.java$", "");
    String directory = relative.getParent() == null ? ""
        : relative.getParent().toString().replace(source.getFileSystem().getSeparator(), "/");
    return ClassLocation.classFiles(classDirectory, directory, base);
  }

  private static Path findClassDirectory(Path root, List<Path> classpath) {
    Matcher releaseRoot = RELEASE_ROOT.matcher(root.getFileName() == null ? "" : root.getFileName().toString());
    String layer = releaseRoot.matches() ? "META-INF/versions/" + releaseRoot.group(1) : null;
    List<String> candidates = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(root)) {
      tree.filter(p -> p.toString().endsWith(".java")).limit(SAMPLE)
          .forEach(p -> candidates.add(root.relativize(p).toString().replaceFirst("\\.java$", ".class")));
    } catch (IOException | UncheckedIOException e) {
      candidates.clear();
    }
    for (Path entry : classpath) {
      boolean isLayer = entry.toString().replace('\\', '/').matches(".*/META-INF/versions/\\d+$");
      boolean fits = layer == null ? !isLayer : entry.toString().replace('\\', '/').endsWith("/" + layer);
      if (fits && Files.isDirectory(entry)
          && candidates.stream().anyMatch(c -> Files.isRegularFile(entry.resolve(c)))) {
        return entry;
      }
    }
    return conventionalClassDirectory(root, layer);
  }

  /**
   * Maven ({@code target/classes}) and Gradle ({@code build/classes/java/main}) layouts; for a multi-release
   * root ({@code src/main/java11}) the {@code META-INF/versions/11} directory below the main classes.
   */
  static Path conventionalClassDirectory(Path root, String layer) {
    Path normalized = root.toAbsolutePath().normalize();
    String name = normalized.getNameCount() < 3 ? "" : normalized.getFileName().toString();
    if (!(name.equals("java") || layer != null)) {
      return null;
    }
    String set = normalized.getParent().getFileName().toString();
    Path module = normalized.getParent().getParent().getParent();
    if (module == null || !normalized.getParent().getParent().getFileName().toString().equals("src")) {
      return null;
    }
    List<Path> guesses = List.of(
        module.resolve("target").resolve(set.equals("main") ? "classes" : set + "-classes"),
        module.resolve("build/classes/java").resolve(set));
    return guesses.stream().map(g -> layer == null ? g : g.resolve(layer)).filter(Files::isDirectory)
        .findFirst().orElse(null);
  }

  /** The bytes of a file, or {@code null} when it is gone or unreadable (treated as "no such version"). */
  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }
}
