package io.github.reloadloop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * A generated project of {@code size} top-level types, as a build would leave it: sources under
 * {@code src/main/java}, javac's class files under {@code target/classes}. Types come in packages of
 * {@value #PER_PACKAGE}; each package has an enum {@code Kind}, the rest are classes that reference a
 * neighbour and a class in another package, use lambdas and switch on {@code Kind} (so javac generates
 * {@code lambda$…} methods and a {@code $1} switch-map class). Every class implements {@link IntSupplier}:
 * {@code getAsInt()} is the method whose body the benchmarks edit.
 */
final class SyntheticProject {

  static final int PER_PACKAGE = 50;

  final Path sources;
  final Path classes;
  final int size;

  private SyntheticProject(Path directory, int size) {
    this.sources = directory.resolve("src/main/java");
    this.classes = directory.resolve("target/classes");
    this.size = size;
  }

  /** Writes the sources of a fresh project into {@code directory} (emptied first) and compiles them. */
  static SyntheticProject create(Path directory, int size) throws IOException {
    deleteTree(directory);
    SyntheticProject project = new SyntheticProject(directory, size);
    Files.createDirectories(project.sources);
    Files.createDirectories(project.classes);
    List<Path> files = new ArrayList<>();
    int packages = (size + PER_PACKAGE - 1) / PER_PACKAGE;
    for (int p = 0; p < packages; p++) {
      Path dir = project.sources.resolve("bench/p" + pad(p, 3));
      Files.createDirectories(dir);
      files.add(write(dir.resolve("Kind.java"), "package " + packageName(p) + ";\n\n"
          + "public enum Kind { SMALL, MEDIUM, LARGE }\n"));
    }
    for (int i = 0; i < size; i++) {
      if (i % PER_PACKAGE == 0) {
        continue; // The package's enum counts as its first type.
      }
      files.add(write(project.sourceOf(i), project.classSource(i, i)));
    }
    project.compileAll(files);
    return project;
  }

  /** A class near the middle of the project, in a full package: the one the benchmarks edit. */
  int editedClass() {
    int i = size / 2;
    return i % PER_PACKAGE == 0 ? i + 1 : i;
  }

  Path sourceOf(int i) {
    return sources.resolve("bench/p" + pad(i / PER_PACKAGE, 3) + "/" + simpleName(i) + ".java");
  }

  static String className(int i) {
    return packageName(i / PER_PACKAGE) + "." + simpleName(i);
  }

  /** The source of class {@code i}, whose {@code getAsInt()} returns {@code value}. */
  String classSource(int i, int value) {
    int p = i / PER_PACKAGE;
    int neighbour = i % PER_PACKAGE == 1 ? -1 : i - 1; // the package's previous class, if any
    int far = farClass(i);
    StringBuilder s = new StringBuilder();
    s.append("package ").append(packageName(p)).append(";\n\n");
    s.append("import java.util.ArrayList;\nimport java.util.List;\nimport java.util.function.IntSupplier;\n");
    s.append("import java.util.function.IntUnaryOperator;\n");
    if (far >= 0 && far / PER_PACKAGE != p) {
      s.append("import ").append(className(far)).append(";\n");
    }
    s.append("\n/** Generated class ").append(i).append(". */\n");
    s.append("public class ").append(simpleName(i)).append(" implements IntSupplier {\n\n");
    s.append("  private final List<Integer> values = new ArrayList<>(List.of(1, 2, 3));\n");
    s.append("  private final IntUnaryOperator scale = x -> x * ").append(i % 7 + 2).append(";\n");
    s.append("  private Kind kind = Kind.values()[").append(i % 3).append("];\n\n");
    s.append("  @Override\n  public int getAsInt() {\n    return ").append(value).append(";\n  }\n\n");
    s.append("  public int weight() {\n    switch (kind) {\n      case SMALL:\n        return 1;\n"
        + "      case LARGE:\n        return 3;\n      default:\n        return 2;\n    }\n  }\n\n");
    s.append("  public int total() {\n    return values.stream().mapToInt(v -> scale.applyAsInt(v) + weight()).sum();\n  }\n\n");
    s.append("  public static int twice(int x) {\n    return x * 2;\n  }\n\n");
    s.append("  public int related() {\n    int sum = 0;\n");
    if (neighbour >= 0) {
      s.append("    sum += new ").append(simpleName(neighbour)).append("().total();\n");
    }
    if (far >= 0) {
      s.append("    sum += ").append(simpleName(far)).append(".twice(").append(i % 10).append(");\n");
    }
    s.append("    return sum;\n  }\n\n");
    s.append("  public Runnable task() {\n    return () -> values.add(getAsInt());\n  }\n");
    s.append("}\n");
    return s.toString();
  }

  /** Loads every type in a new class loader (as a running application would have), returning the loader. */
  URLClassLoader load() throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        SyntheticProject.class.getClassLoader());
    try (Stream<Path> tree = Files.walk(classes)) {
      for (Path file : tree.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
        Class.forName(name, true, loader);
      }
    }
    return loader;
  }

  private int farClass(int i) {
    int candidate = (int) ((i * 7919L + 13) % size);
    return candidate % PER_PACKAGE == 0 || candidate == i ? -1 : candidate;
  }

  /**
   * Compiles with javac in a separate process, as a build tool would: compiling in this JVM would warm up
   * javac here more for big projects than for small ones and colour the comparison between sizes.
   */
  private void compileAll(List<Path> files) throws IOException {
    Path list = classes.getParent().resolve("sources.txt");
    Files.write(list, files.stream().map(Path::toString).toList());
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    Process process = new ProcessBuilder(javac.toString(), "-d", classes.toString(), "-g", "-proc:none",
        "-nowarn", "-Xlint:none", "-encoding", "UTF-8", "@" + list).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException("the generated project does not compile:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compiling the generated project", e);
    }
  }

  private static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    return file;
  }

  private static String packageName(int p) {
    return "bench.p" + pad(p, 3);
  }

  private static String simpleName(int i) {
    return i % PER_PACKAGE == 0 ? "Kind" : "C" + pad(i, 4);
  }

  private static String pad(int n, int width) {
    return String.format(Locale.ROOT, "%0" + width + "d", n);
  }

  static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(directory)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
