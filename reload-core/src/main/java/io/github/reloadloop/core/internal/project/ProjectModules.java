package io.github.reloadloop.core.internal.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules of the project whose classes this JVM runs, found from its class path: a class directory
 * belongs to the module whose {@code pom.xml} or {@code build.gradle(.kts)} is above it (Maven's
 * {@code target/classes} and {@code target/test-classes}, Gradle's {@code build/classes/java/<set>}, and
 * multi-release layers below them); a jar belongs to a module when it was built in one ({@code target/},
 * {@code build/libs/}) or when its {@code META-INF/maven/.../pom.properties} names a module of the same
 * checkout (an installed jar, as {@code mvn test -pl app} uses). The default source roots are the module
 * under test's main and test sources plus the sources of every class directory or jar so found. A module
 * without sources (a packaging module) is skipped silently; reload-loop's own classes are never watched.
 * Immutable.
 *
 * @since 0.1.0
 */
public final class ProjectModules {

  /**
   * A source root found on the class path.
   *
   * @param directory the source root
   * @param module the module it belongs to
   * @param classLocation the class directory or jar its classes are loaded from, or {@code null} when none is
   *     on the class path (the module under test's sources before they were compiled)
   */
  public record Root(Path directory, BuildModule module, Path classLocation) {}

  private static final Pattern LAYER = Pattern.compile("(.+)/META-INF/versions/(\\d+)");
  private static final Pattern GRADLE_CLASSES = Pattern.compile("build/classes/java/([^/]+)");
  private static final List<String> OWN_CLASSES = List.of("io/github/reloadloop/core/AutoReloader.class",
      "io/github/reloadloop/junit/ReloadLoop.class");
  static final String OWN = "reload-loop's own classes: the loop does not reload itself";

  private final Reactor reactor;
  private final Map<Path, BuildModule> modules = new HashMap<>();
  private final Map<Path, Root> roots = new LinkedHashMap<>();
  private final Map<Path, Path> rootsByLocation = new LinkedHashMap<>();
  private final Map<Path, String> unmatched = new LinkedHashMap<>();

  private ProjectModules(Path moduleDirectory, List<Path> classpath) {
    this.reactor = moduleDirectory == null ? null : Reactor.around(moduleDirectory);
    Path underTest = moduleDirectory == null ? null : BuildModule.enclosing(moduleDirectory);
    if (underTest != null) {
      BuildModule module = moduleAt(underTest);
      add(module.mainSources(), module, null);
      add(module.testSources(), module, null);
    }
    for (Path entry : classpath) {
      Path location = entry.toAbsolutePath().normalize();
      if (Files.isDirectory(location)) {
        classifyDirectory(location);
      } else if (location.getFileName() != null && location.getFileName().toString().endsWith(".jar")
          && Files.isRegularFile(location)) {
        classifyJar(location);
      }
    }
  }

  /**
   * Finds the modules of the project on {@code classpath}.
   *
   * @param moduleDirectory the module under test (its own main and test sources are roots whether or not they
   *     were compiled yet), or {@code null} when there is none: then only the class path is read
   */
  public static ProjectModules discover(Path moduleDirectory, List<Path> classpath) {
    return new ProjectModules(moduleDirectory == null ? null : moduleDirectory.toAbsolutePath().normalize(),
        classpath);
  }

  /** The default source roots: the module under test's main and test sources, then the others found. */
  public List<Path> defaultRoots() {
    return List.copyOf(roots.keySet());
  }

  /** The class directory or jar the classes of {@code root} are loaded from, when discovery found one. */
  public Optional<Path> classLocationOf(Path root) {
    Root found = roots.get(root);
    return Optional.ofNullable(found == null ? null : found.classLocation());
  }

  /** The name of the module {@code root} belongs to (the innermost module above it), if any. */
  public Optional<String> moduleOf(Path root) {
    Root found = roots.get(root);
    if (found != null) {
      return Optional.of(found.module().name());
    }
    Path module = BuildModule.enclosing(root);
    return module == null ? Optional.empty() : Optional.of(moduleAt(module).name());
  }

  /**
   * The root directory of the checkout (the reactor root, or Gradle's settings directory), where a save
   * outside every watched root is noticed; {@code null} when the module under test is not in a build.
   */
  public Path projectDirectory() {
    return reactor == null ? null : reactor.root();
  }

  /**
   * The project's class directories and jars on the class path whose sources are not watched, each with the
   * reason: outside any module, not a build's class directory, reload-loop's own, or sources not among
   * {@code watchedRoots}.
   */
  public Map<Path, String> notWatched(Collection<Path> watchedRoots) {
    Map<Path, String> reasons = new LinkedHashMap<>(unmatched);
    rootsByLocation.forEach((location, root) -> {
      if (!watchedRoots.contains(root)) {
        reasons.put(location, "module " + roots.get(root).module().name() + ": its sources " + root
            + " are not among the watched source roots");
      }
    });
    return reasons;
  }

  private void classifyDirectory(Path directory) {
    Path moduleDirectory = BuildModule.enclosing(directory);
    if (moduleDirectory == null) {
      unmatched.put(directory, "outside any Maven or Gradle module (no pom.xml or build.gradle above it)");
      return;
    }
    BuildModule module = moduleAt(moduleDirectory);
    String relative = moduleDirectory.relativize(directory).toString().replace('\\', '/');
    Matcher layer = LAYER.matcher(relative);
    String set = sourceSet(layer.matches() ? layer.group(1) : relative);
    if (set == null) {
      unmatched.put(directory, "in module " + module.name() + " but not one of its build's class directories"
          + " (target/classes, target/test-classes, build/classes/java/<set>)");
      return;
    }
    Path sources = module.sources(set);
    if (holdsOwnClasses(directory)) {
      own(directory, sources);
      return;
    }
    if (layer.matches()) {
      // A multi-release layer: src/main/java11 for META-INF/versions/11; a layer of another set is left alone.
      if (!set.equals("main")) {
        return;
      }
      sources = sources.resolveSibling(sources.getFileName() + layer.group(2));
    }
    add(sources, module, directory);
  }

  /** {@code main} for Maven's {@code target/classes}, {@code test} for {@code target/test-classes}, a Gradle set. */
  static String sourceSet(String classDirectory) {
    if (classDirectory.equals("target/classes")) {
      return "main";
    }
    if (classDirectory.equals("target/test-classes")) {
      return "test";
    }
    Matcher gradle = GRADLE_CLASSES.matcher(classDirectory);
    return gradle.matches() ? gradle.group(1) : null;
  }

  private void classifyJar(Path jar) {
    BuildModule module = moduleOfJar(jar);
    if (module == null) {
      return; // A dependency.
    }
    Path sources = module.sources(jar.getFileName().toString().endsWith("-tests.jar") ? "test" : "main");
    if (holdsOwnClasses(jar)) {
      own(jar, sources);
      return;
    }
    add(sources, module, jar);
  }

  private static boolean holdsOwnClasses(Path location) {
    for (String own : OWN_CLASSES) {
      if (Files.isDirectory(location) ? Files.isRegularFile(location.resolve(own)) : Jars.contains(location, own)) {
        return true;
      }
    }
    return false;
  }

  /** reload-loop's own classes: not watched, even as the module under test (the loop would patch itself). */
  private void own(Path location, Path sources) {
    unmatched.put(location, OWN);
    roots.remove(sources.toAbsolutePath().normalize());
  }

  /**
   * The module that built a jar: the one whose {@code target/} or {@code build/libs/} holds it, or, for a jar
   * outside the checkout, the module its {@code pom.properties} names; {@code null} for a dependency.
   */
  private BuildModule moduleOfJar(Path jar) {
    if (reactor == null) {
      return null;
    }
    if (jar.startsWith(reactor.root())) {
      Path moduleDirectory = BuildModule.enclosing(jar.getParent());
      if (moduleDirectory == null) {
        return null;
      }
      String relative = moduleDirectory.relativize(jar.getParent()).toString().replace('\\', '/');
      return relative.equals("target") || relative.equals("build/libs") ? moduleAt(moduleDirectory) : null;
    }
    if (!namedLikeAModule(jar.getFileName().toString())) {
      return null; // Most jars are dependencies: only those named like a module are opened.
    }
    for (String coordinates : Jars.mavenCoordinates(jar)) {
      Optional<BuildModule> module = reactor.module(coordinates);
      if (module.isPresent()) {
        return module.get();
      }
    }
    return null;
  }

  private boolean namedLikeAModule(String jarName) {
    for (BuildModule module : reactor.modules()) {
      if (!module.coordinates().isEmpty() && jarName.startsWith(module.name() + "-")) {
        return true;
      }
    }
    return false;
  }

  /** Adds a root that exists; the first class location found for it is the one its classes come from. */
  private void add(Path sources, BuildModule module, Path classLocation) {
    Path root = sources.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      return; // No sources: a packaging module, or a set without Java sources.
    }
    Root known = roots.get(root);
    if (known == null || known.classLocation() == null) {
      roots.put(root, new Root(root, module, classLocation));
    }
    if (classLocation != null) {
      rootsByLocation.putIfAbsent(classLocation, root);
    }
  }

  private BuildModule moduleAt(Path directory) {
    BuildModule module = modules.get(directory);
    if (module == null) {
      module = reactor != null ? reactor.moduleAt(directory) : BuildModule.at(directory);
      modules.put(directory, module);
    }
    return module;
  }
}
