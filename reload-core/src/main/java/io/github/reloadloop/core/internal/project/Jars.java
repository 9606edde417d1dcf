package io.github.reloadloop.core.internal.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** What discovery reads from a jar: the Maven coordinates it was built as, and whether it holds an entry. */
final class Jars {

  private Jars() {}

  /**
   * The {@code groupId:artifactId} of every {@code META-INF/maven/<g>/<a>/pom.properties} in the jar (one for
   * a plain module jar, several for a shaded one); none for an unreadable jar.
   */
  static List<String> mavenCoordinates(Path jar) {
    List<String> found = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
          Properties properties = new Properties();
          try (InputStream in = zip.getInputStream(entry)) {
            properties.load(in);
          }
          String group = properties.getProperty("groupId");
          String artifact = properties.getProperty("artifactId");
          if (group != null && artifact != null) {
            found.add(group.trim() + ":" + artifact.trim());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // Not a readable jar: it cannot be matched to a module, like any dependency.
    }
    return found;
  }

  /** Whether the jar has an entry of this name; {@code false} for an unreadable jar. */
  static boolean contains(Path jar, String entry) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.getEntry(entry) != null;
    } catch (IOException | RuntimeException e) {
      return false; // Unreadable: it holds nothing we could load either.
    }
  }
}
