package io.github.reloadloop.core.internal.project;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The running JVM's classpath as a list of existing entries, with the {@code Class-Path} of manifest-only
 * jars (Surefire's booter jar, IDE launchers with long classpaths) expanded.
 *
 * @since 0.1.0
 */
public final class Classpath {

  private Classpath() {}

  /** Entries of {@code java.class.path}, or of Surefire's {@code surefire.test.class.path} when it is richer. */
  public static List<Path> ofRunningJvm() {
    Set<Path> entries = new LinkedHashSet<>(expand(System.getProperty("java.class.path", "")));
    entries.addAll(expand(System.getProperty("surefire.test.class.path", "")));
    return List.copyOf(entries);
  }

  /** Splits a path string and expands manifest {@code Class-Path} entries, keeping what exists. */
  public static List<Path> expand(String classpath) {
    Set<Path> entries = new LinkedHashSet<>();
    for (String element : classpath.split(File.pathSeparator)) {
      if (!element.isBlank()) {
        add(Path.of(element).toAbsolutePath().normalize(), entries);
      }
    }
    return new ArrayList<>(entries);
  }

  private static void add(Path entry, Set<Path> entries) {
    if (!Files.exists(entry) || !entries.add(entry) || !Files.isRegularFile(entry)) {
      return;
    }
    for (Path referenced : manifestClassPath(entry)) {
      add(referenced, entries);
    }
  }

  private static List<Path> manifestClassPath(Path jar) {
    List<Path> referenced = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String value = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (value == null) {
        return referenced;
      }
      for (String item : value.trim().split("\\s+")) {
        Path resolved = item.isEmpty() ? null : resolve(jar.getParent(), item);
        if (resolved != null) {
          referenced.add(resolved);
        }
      }
    } catch (IOException e) {
      // Not a readable jar or an odd manifest entry: the jar itself stays on the classpath and the
      // compiler reports whatever turns out to be missing.
      return referenced;
    }
    return referenced;
  }

  /** A manifest entry as a local path, or {@code null} for an entry that is no local file (http:, malformed). */
  private static Path resolve(Path base, String item) {
    try {
      URI uri = new URI(item);
      URI absolute = uri.isAbsolute() ? uri : base.toUri().resolve(uri);
      return "file".equalsIgnoreCase(absolute.getScheme()) ? Path.of(absolute).normalize() : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      // The JDK's own class loader skips such an entry too; the compiler reports what turns out to be missing.
      return null;
    }
  }
}
