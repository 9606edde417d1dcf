package io.github.reloadloop.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
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

  private Reactor(Path root) {
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
        BuildModule module = BuildModule.at(directory);
        byDirectory.put(directory, module);
        if (!module.coordinates().isEmpty()) {
          byCoordinates.putIfAbsent(module.coordinates(), module);
        }
        Path pom = directory.resolve(BuildModule.POM);
        if (Files.isRegularFile(pom)) {
          Pom.read(pom).modules().forEach(m -> pending.add(moduleDirectory(directory, m)));
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
    Path gradle = Files.isRegularFile(module.resolve(BuildModule.POM)) ? null : gradleRoot(module);
    if (gradle != null) {
      return new Reactor(gradle);
    }
    Path top = module;
    for (Path parent = top.getParent(); parent != null && lists(parent, top); parent = top.getParent()) {
      top = parent;
    }
    return new Reactor(top);
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
    return byDirectory.computeIfAbsent(directory, BuildModule::at);
  }

  private static boolean lists(Path aggregator, Path module) {
    Path pom = aggregator.resolve(BuildModule.POM);
    return Files.isRegularFile(pom)
        && Pom.read(pom).modules().stream().anyMatch(m -> moduleDirectory(aggregator, m).equals(module));
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
