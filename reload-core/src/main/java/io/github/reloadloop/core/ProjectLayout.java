package io.github.reloadloop.core;

import io.github.reloadloop.core.compile.CompilerKind;
import io.github.reloadloop.core.redefine.ClassShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where each source root's classes live and how they were compiled, found from the class files
 * themselves: the output directory is the classpath directory that holds the root's classes (falling back
 * to Maven's and Gradle's conventions), and release level, {@code -parameters} and compiler come from
 * class files found there.
 */
final class ProjectLayout {

  private static final int SAMPLE = 200;

  private final Map<Path, Path> outputs;
  private final Map<Path, CompilerKind> compilers = new LinkedHashMap<>();
  private final int release;
  private final boolean parameters;

  ProjectLayout(List<Path> roots, Map<Path, Path> explicitOutputs, List<Path> classpath) {
    this.outputs = new LinkedHashMap<>();
    for (Path root : roots) {
      Path output = explicitOutputs.get(root);
      if (output == null) {
        output = findOutput(root, classpath);
      }
      if (output != null) {
        outputs.put(root, output.toAbsolutePath().normalize());
      }
    }
    int foundRelease = 0;
    boolean foundParameters = false;
    for (Map.Entry<Path, Path> entry : outputs.entrySet()) {
      for (Path classFile : sampleClassFiles(entry.getValue())) {
        byte[] bytes = read(classFile);
        ClassShape shape = bytes == null ? null : parseOrNull(bytes);
        if (shape == null) {
          continue;
        }
        foundRelease = Math.max(foundRelease, shape.majorVersion() - 44);
        foundParameters |= shape.hasMethodParameters();
        if (!compilers.containsKey(entry.getKey())) {
          CompilerKind.fingerprint(bytes).ifPresent(kind -> compilers.put(entry.getKey(), kind));
        }
      }
    }
    this.release = foundRelease >= 8 ? Math.min(foundRelease, Runtime.version().feature())
        : Runtime.version().feature();
    this.parameters = foundParameters;
  }

  Map<Path, Path> outputs() {
    return Map.copyOf(outputs);
  }

  int release() {
    return release;
  }

  boolean parameters() {
    return parameters;
  }

  /** The compiler that built this root's classes, when the class files tell. */
  Optional<CompilerKind> compilerOf(Path root) {
    return Optional.ofNullable(compilers.get(root));
  }

  void rememberCompiler(Path root, CompilerKind kind) {
    compilers.put(root, kind);
  }

  /** The root a source file belongs to, or {@code null}. */
  Path rootOf(Path file, List<Path> roots) {
    for (Path root : roots) {
      if (file.startsWith(root)) {
        return root;
      }
    }
    return null;
  }

  Path outputOf(Path root) {
    return root == null ? null : outputs.get(root);
  }

  /** The class file path of a binary class name under an output directory. */
  static Path classFile(Path output, String className) {
    return output.resolve(className.replace('.', '/') + ".class");
  }

  /** Class files that the source file's previous compile left in the output directory. */
  List<Path> classFilesOf(Path root, Path source) {
    Path output = outputOf(root);
    if (output == null) {
      return List.of();
    }
    Path relative = root.relativize(source);
    String base = relative.getFileName().toString().replaceFirst("\\.java$", "");
    Path directory = relative.getParent() == null ? output : output.resolve(relative.getParent().toString());
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(directory)) {
      list.filter(p -> {
        String name = p.getFileName().toString();
        return name.equals(base + ".class") || name.startsWith(base + "$") && name.endsWith(".class");
      }).forEach(files::add);
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // No such directory yet: a new package.
    }
    return files;
  }

  private static Path findOutput(Path root, List<Path> classpath) {
    List<String> candidates = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(root)) {
      tree.filter(p -> p.toString().endsWith(".java")).limit(SAMPLE)
          .forEach(p -> candidates.add(root.relativize(p).toString().replaceFirst("\\.java$", ".class")));
    } catch (IOException | UncheckedIOException e) {
      candidates.clear();
    }
    for (Path entry : classpath) {
      if (Files.isDirectory(entry) && candidates.stream().anyMatch(c -> Files.isRegularFile(entry.resolve(c)))) {
        return entry;
      }
    }
    return conventionalOutput(root);
  }

  /** Maven ({@code target/classes}) and Gradle ({@code build/classes/java/main}) layouts. */
  static Path conventionalOutput(Path root) {
    Path normalized = root.toAbsolutePath().normalize();
    if (normalized.getNameCount() < 3 || !normalized.getFileName().toString().equals("java")) {
      return null;
    }
    String set = normalized.getParent().getFileName().toString();
    Path module = normalized.getParent().getParent().getParent();
    if (module == null || !normalized.getParent().getParent().getFileName().toString().equals("src")) {
      return null;
    }
    List<Path> guesses = List.of(
        module.resolve("target").resolve(set.equals("main") ? "classes" : set + "-classes"),
        module.resolve("build/classes/java").resolve(set));
    return guesses.stream().filter(Files::isDirectory).findFirst().orElse(null);
  }

  private static List<Path> sampleClassFiles(Path output) {
    try (Stream<Path> tree = Files.walk(output)) {
      return tree.filter(p -> p.toString().endsWith(".class")).limit(SAMPLE).toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  /** A truncated or foreign file named {@code .class} tells nothing about the build; it is skipped. */
  private static ClassShape parseOrNull(byte[] bytes) {
    try {
      return ClassShape.parse(bytes);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null; // Gone or unreadable: treated as "no previous version".
    }
  }
}
