package io.github.reloadloop.core.internal.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves outside the source roots: which directories of a checkout are not looked at for them, and the source
 * root a saved file would belong to, which the report of such a save names.
 */
public final class OutsideRoots {

  private OutsideRoots() {}

  /**
   * Whether a directory of the checkout is left out when looking for saves outside the source roots: build
   * output next to a build file ({@code target}, {@code build}), {@code node_modules}, hidden directories.
   */
  public static boolean isPruned(Path directory) {
    Path name = directory.getFileName();
    if (name == null) {
      return false;
    }
    String text = name.toString();
    if (text.startsWith(".") || text.equals("node_modules")) {
      return true;
    }
    return (text.equals("target") || text.equals("build")) && directory.getParent() != null
        && BuildModule.isModule(directory.getParent());
  }

  /**
   * The source root a Java file would belong to: its directory less the package it declares; when it declares
   * none that fits (or is half-written), the nearest {@code src/<set>/java} above it, else its directory.
   */
  public static Path sourceRootFor(Path javaFile) {
    Path directory = javaFile.toAbsolutePath().normalize().getParent();
    String declared = PackageDeclaration.of(javaFile);
    Path root = directory;
    List<String> parts = new ArrayList<>(declared.isEmpty() ? List.of() : List.of(declared.split("\\.")));
    while (!parts.isEmpty() && root != null && root.getFileName() != null
        && root.getFileName().toString().equals(parts.get(parts.size() - 1))) {
      parts.remove(parts.size() - 1);
      root = root.getParent();
    }
    if (!declared.isEmpty() && parts.isEmpty() && root != null) {
      return root;
    }
    for (Path at = directory; at != null && at.getParent() != null && at.getParent().getParent() != null;
        at = at.getParent()) {
      Path src = at.getParent().getParent().getFileName();
      if (at.getFileName().toString().equals("java") && src != null && src.toString().equals("src")) {
        return at;
      }
    }
    return directory;
  }
}
