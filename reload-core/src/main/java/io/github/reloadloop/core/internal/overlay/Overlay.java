package io.github.reloadloop.core.internal.overlay;

import io.github.reloadloop.core.internal.project.ClassLocation;
import io.github.reloadloop.core.internal.project.ProjectLayout;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reloader's own class directories: every patched or new class file goes to the overlay directory of
 * its class directory, never into what the build produced. For {@code module/target/classes} the overlay is
 * {@code module/target/reload-loop/<pid>-<n>/classes} (likewise below Gradle's {@code build}); a class
 * directory outside such a build directory gets one below the system's temporary directory. Compiles read
 * the overlays before the build's class directories, so a patch sees earlier patches, and a fresh class
 * loader reads them first too. {@link #close()} removes them; overlays of processes that no longer run are
 * removed when the next reloader starts.
 *
 * <p>Threading: created and closed by the reloader; written on the reload thread only. Once closed it writes
 * nothing more: a batch still in progress when the reloader closes (it waits only so long) cannot bring a
 * removed directory back.
 */
public final class Overlay implements AutoCloseable {

  static final String DIRECTORY_NAME = "reload-loop";
  private static final Pattern OWNER = Pattern.compile("(\\d+)(-.*)?");

  private final Map<Path, Path> overlays = new LinkedHashMap<>();
  private final List<Path> roots = new ArrayList<>();
  private final Path staging;
  private final Consumer<String> warnings;
  private boolean closed;

  private Overlay(Collection<Path> classDirectories, Consumer<String> warnings) {
    this.warnings = warnings;
    Map<Path, Path> rootsByParent = new LinkedHashMap<>();
    for (Path classDirectory : classDirectories) {
      Path buildDirectory = buildDirectoryOf(classDirectory);
      Path parent = (buildDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : buildDirectory)
          .resolve(DIRECTORY_NAME);
      Path overlay = null;
      try {
        Path root = rootsByParent.get(parent);
        if (root == null) {
          removeLeftovers(parent);
          Files.createDirectories(parent);
          root = Files.createTempDirectory(parent, ProcessHandle.current().pid() + "-");
          rootsByParent.put(parent, root);
          roots.add(root);
        }
        overlay = root.resolve(buildDirectory == null ? withoutRoot(classDirectory)
            : buildDirectory.relativize(classDirectory));
        Files.createDirectories(overlay);
        overlays.put(classDirectory, overlay);
      } catch (IOException | RuntimeException e) {
        warnings.accept("cannot create the reload directory " + (overlay == null ? parent : overlay) + " (" + e
            + "): changed classes of " + classDirectory + " are still reloaded, but new classes cannot be saved for"
            + " fresh class loaders");
      }
    }
    this.staging = roots.isEmpty() ? null : createStaging(roots.get(0).resolve("staging"), warnings);
  }

  /** Compilers leave a class path entry that does not exist at their start out for good: it is made now. */
  private static Path createStaging(Path staging, Consumer<String> warnings) {
    try {
      return Files.createDirectories(staging);
    } catch (IOException e) {
      warnings.accept("cannot create " + staging + " (" + e + "): files saved together that were built for"
          + " different releases compile without seeing each other's changes");
      return null;
    }
  }

  /**
   * Creates an overlay directory for each class directory; one that cannot be created is reported through
   * {@code warnings} and left out.
   */
  public static Overlay create(Collection<Path> classDirectories, Consumer<String> warnings) {
    return new Overlay(classDirectories, warnings);
  }

  /** The overlay directory of each class directory that has one. */
  public Map<Path, Path> directories() {
    return Map.copyOf(overlays);
  }

  /** The overlay directory of {@code classDirectory}, or {@code null}. */
  public Path directoryFor(Path classDirectory) {
    return classDirectory == null ? null : overlays.get(classDirectory);
  }

  /**
   * The reloader's own directory, where its overlays are (below the build directory, named after this
   * process), for files it needs for itself; {@link #close()} removes it, and the next reloader removes it
   * if this process ends without closing. {@code null} when it could not be made.
   */
  public Path ownDirectory() {
    return roots.isEmpty() ? null : roots.get(0);
  }

  /** A scratch class directory for classes compiled earlier in the same batch, or {@code null}. */
  public Path staging() {
    return staging;
  }

  /**
   * The newest compiled version of a class: the overlay's, else the build's (from its class directory or jar);
   * {@code null} when neither has it.
   */
  public byte[] previous(String className, Path classDirectory) {
    if (classDirectory == null) {
      return null;
    }
    Path overlay = overlays.get(classDirectory);
    byte[] bytes = overlay == null ? null : ClassLocation.read(overlay, className);
    return bytes != null ? bytes : ClassLocation.read(classDirectory, className);
  }

  /**
   * A class file to write.
   *
   * @param overlayDirectory the overlay directory it goes to, or {@code null} when its class directory has none
   * @param className binary name
   * @param bytes the class file
   */
  public record ClassFile(Path overlayDirectory, String className, byte[] bytes) {}

  /**
   * Writes class files into their overlay directories, each atomically (a class loader never reads half a
   * file).
   *
   * @return a message for each class file that could not be written
   */
  public synchronized List<String> write(List<ClassFile> classes) {
    List<String> failures = new ArrayList<>();
    if (closed) {
      return failures;
    }
    for (ClassFile compiled : classes) {
      if (compiled.overlayDirectory() != null) {
        try {
          writeAtomically(ProjectLayout.classFile(compiled.overlayDirectory(), compiled.className()), compiled.bytes());
        } catch (IOException e) {
          failures.add("cannot write " + compiled.className() + " to " + compiled.overlayDirectory() + ": " + e);
        }
      }
    }
    return failures;
  }

  /** Writes a class file of a compile group into the staging directory; nothing once closed. */
  public synchronized void writeStaged(String className, byte[] bytes) throws IOException {
    if (!closed && staging != null) {
      writeAtomically(ProjectLayout.classFile(staging, className), bytes);
    }
  }

  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".reload-", ".tmp");
    try {
      Files.write(temporary, bytes);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Empties the staging directory after a batch. */
  public synchronized void clearStaging() throws IOException {
    if (staging == null || closed) {
      return;
    }
    try (Stream<Path> entries = Files.list(staging)) {
      for (Path entry : entries.toList()) {
        deleteTree(entry);
      }
    }
  }

  /** Removes the overlay directories (and the {@code reload-loop} directory when nothing else is left in it). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Path root : roots) {
      try {
        deleteTree(root);
        Files.deleteIfExists(root.getParent());
      } catch (DirectoryNotEmptyException e) {
        // Another reloader (in this or another JVM) still uses the reload-loop directory: it stays.
        continue;
      } catch (IOException e) {
        warnings.accept("cannot remove " + root + ": " + e);
      }
    }
  }

  /** The nearest enclosing {@code target} or {@code build} directory, or {@code null}. */
  static Path buildDirectoryOf(Path classDirectory) {
    for (Path p = classDirectory.getParent(); p != null; p = p.getParent()) {
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (name.equals("target") || name.equals("build")) {
        return p;
      }
    }
    return null;
  }

  private static Path withoutRoot(Path path) {
    Path root = path.getRoot();
    return root == null ? path : root.relativize(path);
  }

  /** Removes overlays left by processes that ended without closing their reloader (a kill, a crash). */
  static void removeLeftovers(Path parent) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path entry : entries.toList()) {
        Matcher owner = OWNER.matcher(entry.getFileName().toString());
        if (owner.matches() && ProcessHandle.of(Long.parseLong(owner.group(1))).isEmpty()) {
          deleteTree(entry);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Another process may be removing the same leftovers; what is left is removed next time.
      return;
    }
  }

  public static void deleteTree(Path top) throws IOException {
    Files.walkFileTree(top, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(directory);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
