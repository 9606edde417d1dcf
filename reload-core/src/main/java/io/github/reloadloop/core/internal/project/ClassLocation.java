package io.github.reloadloop.core.internal.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The build's class files in a class location: a class directory, or a jar (a sibling module's, as
 * {@code mvn test -pl app} loads it). Read only; the reloader never writes to either.
 */
public final class ClassLocation {

  private ClassLocation() {}

  /** Whether the location is a jar rather than a directory. */
  public static boolean isJar(Path location) {
    return Files.isRegularFile(location);
  }

  /** The class file of a binary class name, or {@code null} when the location does not have it. */
  public static byte[] read(Path location, String className) {
    String entry = className.replace('.', '/') + ".class";
    if (!isJar(location)) {
      return ProjectLayout.read(location.resolve(entry));
    }
    try (ZipFile jar = new ZipFile(location.toFile())) {
      ZipEntry found = jar.getEntry(entry);
      return found == null ? null : readEntry(jar, found);
    } catch (IOException e) {
      return null; // An unreadable jar has no previous version to offer.
    }
  }

  /**
   * The class files of one source file's classes: {@code directory/Name.class} first, then
   * {@code directory/Name$*.class} in name order.
   *
   * @param directory the package's path ({@code acme/shop}, {@code ""} for the default package)
   */
  static List<byte[]> classFiles(Path location, String directory, String name) {
    String prefix = directory.isEmpty() ? "" : directory + "/";
    List<String> nested = new ArrayList<>();
    if (!isJar(location)) {
      List<byte[]> files = new ArrayList<>();
      Path packageDirectory = directory.isEmpty() ? location : location.resolve(directory);
      byte[] main = ProjectLayout.read(packageDirectory.resolve(name + ".class"));
      if (main != null) {
        files.add(main);
      }
      try (Stream<Path> list = Files.list(packageDirectory)) {
        list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(name + "$") && n.endsWith(".class"))
            .sorted().forEach(nested::add);
      } catch (IOException | UncheckedIOException e) {
        return files; // No such directory yet: a new package.
      }
      nested.stream().map(n -> ProjectLayout.read(packageDirectory.resolve(n))).filter(b -> b != null)
          .forEach(files::add);
      return files;
    }
    try (ZipFile jar = new ZipFile(location.toFile())) {
      List<byte[]> files = new ArrayList<>();
      ZipEntry main = jar.getEntry(prefix + name + ".class");
      if (main != null) {
        files.add(readEntry(jar, main));
      }
      for (ZipEntry entry : Collections.list(jar.entries())) {
        String entryName = entry.getName();
        if (entryName.startsWith(prefix + name + "$") && entryName.endsWith(".class")
            && entryName.indexOf('/', prefix.length()) < 0) {
          nested.add(entryName);
        }
      }
      Collections.sort(nested);
      for (String entryName : nested) {
        files.add(readEntry(jar, jar.getEntry(entryName)));
      }
      return files;
    } catch (IOException e) {
      return List.of(); // Unreadable: the file takes its root's defaults.
    }
  }

  /** Up to {@code limit} class files of the location, multi-release layers left out. */
  public static List<byte[]> sample(Path location, int limit) {
    if (!isJar(location)) {
      Path layers = location.resolve("META-INF");
      try (Stream<Path> tree = Files.walk(location)) {
        return tree.filter(p -> p.toString().endsWith(".class") && !p.startsWith(layers)).limit(limit)
            .map(ProjectLayout::read).filter(b -> b != null).toList();
      } catch (IOException | UncheckedIOException e) {
        return List.of();
      }
    }
    try (ZipFile jar = new ZipFile(location.toFile())) {
      List<byte[]> sample = new ArrayList<>();
      for (ZipEntry entry : Collections.list(jar.entries())) {
        if (sample.size() >= limit) {
          break;
        }
        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
          sample.add(readEntry(jar, entry));
        }
      }
      return sample;
    } catch (IOException e) {
      return List.of(); // Unreadable: the root takes the running JVM's defaults.
    }
  }

  private static byte[] readEntry(ZipFile jar, ZipEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}
