package io.github.reloadloop.core.internal.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checkout a module belongs to: its root directory and the Maven modules it aggregates. The root is the
 * topmost POM that lists the module (through nested aggregators), or the nearest directory holding a Gradle
 * {@code settings.gradle(.kts)}; Maven modules are read from the root's {@code <modules>}, recursively.
 */
final class Reactor {

  /** Nested aggregators deeper than this are not followed (a cycle through odd relative paths ends here). */
  private static final int MAX_DEPTH = 16;
  private static final String[] GRADLE_SETTINGS = {"settings.gradle", "settings.gradle.kts"};

  private final Path root;
  private final Map<Path, BuildModule> byDirectory = new LinkedHashMap<>();
  private final Map<String, BuildModule> byCoordinates = new LinkedHashMap<>();

  /**
   * @param poms the POMs read so far, by directory ({@code null} value: none there); discovery runs as the test
   *     JVM starts, so each POM is read once
   */
  private Reactor(Path root, Map<Path, Pom> poms) {
    this.root = root;
    Deque<Path> pending = new ArrayDeque<>();
    pending.add(root);
    int depth = 0;
    while (!pending.isEmpty() && depth++ < MAX_DEPTH) {
      for (int n = pending.size(); n > 0; n--) {
        Path directory = pending.poll();
        if (byDirectory.containsKey(directory) || !BuildModule.isModule(directory)) {
          continue;
        }
        Pom pom = pom(directory, poms);
        BuildModule module = BuildModule.of(directory, pom);
        byDirectory.put(directory, module);
        if (!module.coordinates().isEmpty()) {
          byCoordinates.putIfAbsent(module.coordinates(), module);
        }
        for (String entry : pom == null ? List.<String>of() : pom.modules()) {
          pending.add(moduleDirectory(directory, entry));
        }
      }
    }
  }

  /** The checkout around the module in {@code moduleDirectory}, or {@code null} when that is no module. */
  static Reactor around(Path moduleDirectory) {
    Path module = BuildModule.enclosing(moduleDirectory);
    if (module == null) {
      return null;
    }
    Map<Path, Pom> poms = new HashMap<>();
    Path gradle = pom(module, poms) != null ? null : gradleRoot(module);
    if (gradle != null) {
      return new Reactor(gradle, poms);
    }
    Path top = module;
    for (Path parent = top.getParent(); parent != null && lists(pom(parent, poms), parent, top);
        parent = top.getParent()) {
      top = parent;
    }
    return new Reactor(top, poms);
  }

  Path root() {
    return root;
  }

  /** The Maven modules of the checkout, the root included. */
  Collection<BuildModule> modules() {
    return byDirectory.values();
  }

  /** The module with these coordinates ({@code groupId:artifactId}). */
  Optional<BuildModule> module(String coordinates) {
    return Optional.ofNullable(byCoordinates.get(coordinates));
  }

  /** The module in {@code directory}: read once, whether or not the root's {@code <modules>} list it. */
  BuildModule moduleAt(Path directory) {
    BuildModule module = byDirectory.get(directory);
    if (module == null) {
      module = BuildModule.at(directory);
      byDirectory.put(directory, module);
    }
    return module;
  }

  private static boolean lists(Pom pom, Path aggregator, Path module) {
    for (String entry : pom == null ? List.<String>of() : pom.modules()) {
      if (moduleDirectory(aggregator, entry).equals(module)) {
        return true;
      }
    }
    return false;
  }

  /** The POM in {@code directory}, read once; {@code null} when there is none. */
  private static Pom pom(Path directory, Map<Path, Pom> poms) {
    if (!poms.containsKey(directory)) {
      Path file = directory.resolve(BuildModule.POM);
      poms.put(directory, Files.isRegularFile(file) ? Pom.read(file) : null);
    }
    return poms.get(directory);
  }

  /** A {@code <module>} entry names a directory, or a POM file in it. */
  private static Path moduleDirectory(Path aggregator, String entry) {
    Path path = aggregator.resolve(entry.trim()).toAbsolutePath().normalize();
    return entry.trim().endsWith(".xml") ? path.getParent() : path;
  }

  private static Path gradleRoot(Path module) {
    for (Path at = module; at != null; at = at.getParent()) {
      for (String settings : GRADLE_SETTINGS) {
        if (Files.isRegularFile(at.resolve(settings))) {
          return at;
        }
      }
    }
    return null;
  }
}
