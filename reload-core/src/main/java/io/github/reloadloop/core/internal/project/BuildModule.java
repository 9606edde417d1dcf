package io.github.reloadloop.core.internal.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A module of a Maven or Gradle build: the directory holding its {@code pom.xml} or
 * {@code build.gradle(.kts)}, and where its sources are.
 *
 * @param directory the module directory
 * @param name its artifact id (Maven), else its directory name
 * @param coordinates {@code groupId:artifactId} (Maven), or {@code ""}
 * @param mainSources its main Java sources ({@code src/main/java}, or the POM's {@code sourceDirectory})
 * @param testSources its test Java sources ({@code src/test/java}, or the POM's {@code testSourceDirectory})
 * @since 0.1.0
 */
record BuildModule(Path directory, String name, String coordinates, Path mainSources, Path testSources) {

  static final String POM = "pom.xml";
  private static final String[] GRADLE = {"build.gradle", "build.gradle.kts"};

  /** The module in {@code directory}, which holds a build file. */
  static BuildModule at(Path directory) {
    Path pomFile = directory.resolve(POM);
    return of(directory, Files.isRegularFile(pomFile) ? Pom.read(pomFile) : null);
  }

  /** The module in {@code directory}, described by {@code pom} ({@code null} for a Gradle module). */
  static BuildModule of(Path directory, Pom pom) {
    if (pom == null) {
      return new BuildModule(directory, directoryName(directory), "", directory.resolve("src/main/java"),
          directory.resolve("src/test/java"));
    }
    return new BuildModule(directory, pom.artifactId().isEmpty() ? directoryName(directory) : pom.artifactId(),
        pom.artifactId().isEmpty() ? "" : pom.coordinates(),
        sourceDirectory(directory, pom.sourceDirectory(), "src/main/java"),
        sourceDirectory(directory, pom.testSourceDirectory(), "src/test/java"));
  }

  /** Whether {@code directory} holds a {@code pom.xml} or a {@code build.gradle(.kts)}. */
  static boolean isModule(Path directory) {
    if (Files.isRegularFile(directory.resolve(POM))) {
      return true;
    }
    for (String gradle : GRADLE) {
      if (Files.isRegularFile(directory.resolve(gradle))) {
        return true;
      }
    }
    return false;
  }

  /** The nearest directory at or above {@code path} that holds a build file, or {@code null}. */
  static Path enclosing(Path path) {
    for (Path at = path; at != null; at = at.getParent()) {
      if (isModule(at)) {
        return at;
      }
    }
    return null;
  }

  /** The Java sources of a source set: {@code main}, {@code test}, or another Gradle set ({@code src/<set>/java}). */
  Path sources(String set) {
    return switch (set) {
      case "main" -> mainSources;
      case "test" -> testSources;
      default -> directory.resolve("src").resolve(set).resolve("java");
    };
  }

  /** A POM's source directory: relative to the module, with {@code ${project.basedir}} or {@code ${basedir}} allowed. */
  private static Path sourceDirectory(Path module, Optional<String> declared, String conventional) {
    String value = declared.isEmpty() ? conventional
        : declared.get().replace("${project.basedir}", module.toString()).replace("${basedir}", module.toString());
    if (value.contains("${")) {
      value = conventional; // Another property: not resolved here, the convention is the best guess.
    }
    return module.resolve(value).toAbsolutePath().normalize();
  }

  private static String directoryName(Path directory) {
    return directory.getFileName() == null ? directory.toString() : directory.getFileName().toString();
  }
}
