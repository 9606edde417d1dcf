package io.github.reloadloop.core.internal.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which packages belong to the project, in the sense that their classes can change while the JVM runs: the
 * packages that have a directory in one of the compile class path's directories (the build's class
 * directories, the reloader's overlays and staging directory, any other class directory). Packages only in
 * jars, and the JDK's, cannot change. The unnamed package is always the project's.
 */
final class ProjectPackages {

  private final List<Path> directories;

  /** @param classpath the compile class path; its entries that are not archives are the class directories */
  ProjectPackages(List<Path> classpath) {
    this.directories = classpath.stream().filter(entry -> !CachingFileManager.isArchive(entry)).toList();
  }

  /**
   * The names among {@code packages} that have a directory in a class directory now, with the unnamed
   * package. A package whose parent has no directory there is not looked for.
   */
  Set<String> present(Collection<String> packages) {
    Set<String> present = new HashSet<>();
    List<Map<String, Boolean>> known = directories.stream().map(d -> (Map<String, Boolean>) new HashMap<String, Boolean>())
        .toList();
    for (String name : packages) {
      for (int i = 0; i < directories.size() && !present.contains(name); i++) {
        if (isDirectory(directories.get(i), name, known.get(i))) {
          present.add(name);
        }
      }
      if (name.isEmpty()) {
        present.add(name);
      }
    }
    return present;
  }

  private static boolean isDirectory(Path root, String name, Map<String, Boolean> known) {
    if (name.isEmpty()) {
      return true;
    }
    Boolean cached = known.get(name);
    if (cached != null) {
      return cached;
    }
    int dot = name.lastIndexOf('.');
    boolean result = isDirectory(root, dot < 0 ? "" : name.substring(0, dot), known)
        && Files.isDirectory(root.resolve(name.replace('.', '/')));
    known.put(name, result);
    return result;
  }

  /** {@code name} and the packages that enclose it ({@code a.b.c}, {@code a.b}, {@code a}). */
  static List<String> withEnclosing(String name) {
    List<String> names = new java.util.ArrayList<>();
    for (String n = name; !n.isEmpty(); n = n.lastIndexOf('.') < 0 ? "" : n.substring(0, n.lastIndexOf('.'))) {
      names.add(n);
    }
    return names;
  }
}
