package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.core.api.ReloadStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of {@code status} that says what is watched: each source root with its module, its release and,
 * for a sibling module run from its jar, that jar; then the project's class directories and jars that are
 * not watched, with the reason. Paths are shown as {@code reload.dir} takes them: relative to the module
 * under test when they are in the same checkout.
 */
final class RootLines {

  private static final String INDENT = "                ";
  private static final List<String> BUILD_FILES = List.of("pom.xml", "build.gradle", "build.gradle.kts",
      "settings.gradle", "settings.gradle.kts");

  private RootLines() {}

  static List<String> of(ReloadStatus status, Path moduleDirectory) {
    Path module = moduleDirectory.toAbsolutePath().normalize();
    List<String> lines = new ArrayList<>();
    for (Path root : status.sourceRoots()) {
      List<String> notes = new ArrayList<>();
      notes.add(status.modules().containsKey(root) ? "module " + status.modules().get(root) : "no module");
      if (status.releases().containsKey(root)) {
        notes.add("release " + status.releases().get(root));
      }
      Path classes = status.outputDirectories().get(root);
      if (classes != null && Files.isRegularFile(classes)) {
        notes.add("classes from " + display(classes, module));
      }
      lines.add((lines.isEmpty() ? "source roots:   " : INDENT) + display(root, module) + " ("
          + String.join(", ", notes) + ")");
    }
    boolean first = true;
    for (Map.Entry<Path, String> entry : status.notWatched().entrySet()) {
      lines.add((first ? "not watched:    " : INDENT) + display(entry.getKey(), module) + ": " + entry.getValue());
      first = false;
    }
    return lines;
  }

  private static boolean holdsBuildFile(Path directory) {
    for (String file : BUILD_FILES) {
      if (Files.isRegularFile(directory.resolve(file))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Relative to the module when the path is in the same checkout (the nearest directory above both holds a
   * build file: the reactor root), else absolute.
   */
  static String display(Path path, Path module) {
    Path absolute = path.toAbsolutePath().normalize();
    Path common = module.toAbsolutePath().normalize();
    while (common != null && !absolute.startsWith(common)) {
      common = common.getParent();
    }
    boolean sameCheckout = common != null && (common.equals(module) || holdsBuildFile(common));
    return sameCheckout && !absolute.equals(module) ? module.relativize(absolute).toString() : absolute.toString();
  }
}
