package io.github.reloadloop.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * A generated project with a big suite, for the benchmarks about what happens after a reload: main classes
 * {@code Core} (which most test classes use), {@code Rare} (which one test class in twenty uses) and
 * {@code fillers} more in groups of ten that use each other; test classes of ten tests each, every one using
 * a filler, and {@code Core} or {@code Rare}. The first test class, {@code A000Test}, has one failing test:
 * {@code bonus} is off by one in {@code Core} or in {@code Rare}, and its fix changes that class's shape.
 * Compiled by javac into {@code target/classes} and {@code target/test-classes}.
 */
final class SuiteProject {

  static final int TESTS_PER_CLASS = 10;
  static final String FAILING_CLASS = "bench.suite.A000Test";

  final Path main;
  final Path test;
  final Path classes;
  final Path testClasses;
  final int testClassCount;
  final int fillers;

  private SuiteProject(Path directory, int testClassCount, int fillers) {
    this.main = directory.resolve("src/main/java");
    this.test = directory.resolve("src/test/java");
    this.classes = directory.resolve("target/classes");
    this.testClasses = directory.resolve("target/test-classes");
    this.testClassCount = testClassCount;
    this.fillers = fillers;
  }

  /** The project already in {@code directory}, for editing its sources. */
  static SuiteProject at(Path directory) {
    return new SuiteProject(directory, 0, 0);
  }

  /**
   * The passing project of this shape already in {@code directory} (from an earlier case of the same
   * benchmark run), else a new one: generating and compiling 2,000 tests takes longer than running them.
   */
  static SuiteProject reuseOrCreate(Path directory, int testClassCount, int fillers) throws IOException {
    Path stamp = directory.resolve("target/generated-" + testClassCount + "-" + fillers);
    if (Files.isRegularFile(stamp)) {
      return new SuiteProject(directory, testClassCount, fillers);
    }
    SuiteProject project = create(directory, testClassCount, fillers, null);
    Files.writeString(stamp, "");
    return project;
  }

  /** Writes and compiles a project of {@code testClassCount} test classes (emptied first). */
  static SuiteProject create(Path directory, int testClassCount, int fillers, String bugIn) throws IOException {
    SyntheticProject.deleteTree(directory);
    SuiteProject project = new SuiteProject(directory, testClassCount, fillers);
    List<Path> mainFiles = new ArrayList<>();
    mainFiles.add(write(project.main.resolve("bench/suite/Core.java"), valueClass("Core", "Core".equals(bugIn))));
    mainFiles.add(write(project.main.resolve("bench/suite/Rare.java"), valueClass("Rare", "Rare".equals(bugIn))));
    for (int i = 0; i < fillers; i++) {
      int next = i / 10 * 10 + (i + 1) % 10;
      mainFiles.add(write(project.main.resolve("bench/suite/F" + i + ".java"), "package bench.suite;\n\n"
          + "public final class F" + i + " {\n"
          + "  public static int size(int x) {\n    return x < 0 ? F" + (next < fillers ? next : i) + ".size(-x) : x % 7;\n  }\n}\n"));
    }
    List<Path> testFiles = new ArrayList<>();
    for (int k = 0; k < testClassCount; k++) {
      testFiles.add(write(project.test.resolve("bench/suite/" + testClassName(k) + ".java"), project.testClass(k)));
    }
    javac(mainFiles, project.classes, System.getProperty("java.class.path"));
    javac(testFiles, project.testClasses, project.classes + java.io.File.pathSeparator
        + System.getProperty("java.class.path"));
    return project;
  }

  static String testClassName(int k) {
    return (k == 0 ? "A" : "T") + String.format("%03d", k) + "Test";
  }

  /** Whether test class {@code k} uses {@code Rare} instead of {@code Core}. */
  static boolean usesRare(int k) {
    return k % 20 == 19;
  }

  private static String valueClass(String name, boolean withBug) {
    return "package bench.suite;\n\npublic final class " + name + " {\n"
        + "  public static int value(int x) {\n    return x * 2;\n  }\n\n"
        + "  public static int bonus(int x) {\n    return x" + (withBug ? " + 1" : "") + ";\n  }\n}\n";
  }

  private String testClass(int k) {
    StringBuilder text = new StringBuilder("package bench.suite;\n\n"
        + "import static org.junit.jupiter.api.Assertions.assertEquals;\n\n"
        + "import org.junit.jupiter.api.Test;\n\n"
        + "class " + testClassName(k) + " {\n");
    String used = usesRare(k) ? "Rare.value(i)" : "Core.value(i)";
    for (int t = 0; t < TESTS_PER_CLASS; t++) {
      boolean failing = k == 0 && t == 0;
      text.append("  @Test\n  void t").append(t).append("() {\n")
          .append("    int i = ").append(t + 1).append(" + F").append((k * 7 + t) % fillers).append(".size(").append(t)
          .append(");\n")
          .append("    assertEquals(2 * i, ").append(failing ? "Core.bonus(i) + Rare.bonus(i)" : used).append(");\n  }\n\n");
    }
    return text.append("}\n").toString();
  }

  /**
   * Fixes the bug in {@code Core} or {@code Rare} with a schema change, saved like an editor: a temporary file
   * renamed over the source. {@code inPlace}: a new private method and a lambda, which are changed in place;
   * otherwise a new package-private method, which other classes could call, so the fallback takes it.
   */
  void fixWithSchemaChange(String className, boolean inPlace) throws IOException {
    Path file = main.resolve("bench/suite/" + className + ".java");
    String fixed = "package bench.suite;\n\npublic final class " + className + " {\n"
        + "  public static int value(int x) {\n    return x * 2;\n  }\n\n"
        + "  public static int bonus(int x) {\n    return same(x);\n  }\n\n"
        + (inPlace ? "  private static int same(int x) {\n    java.util.function.IntUnaryOperator id = y -> y;\n"
            + "    return id.applyAsInt(x);\n  }\n}\n" : "  static int same(int x) {\n    return x;\n  }\n}\n");
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp~");
    Files.writeString(temporary, fixed, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static void javac(List<Path> files, Path output, String classpath) throws IOException {
    Files.createDirectories(output);
    List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-cp", classpath, "-g", "-proc:none"));
    files.forEach(f -> arguments.add(f.toString()));
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javac failed for the generated suite");
    }
  }

  /** The class files of the project, for counting. */
  long classFileCount() throws IOException {
    try (Stream<Path> a = Files.walk(classes); Stream<Path> b = Files.walk(testClasses)) {
      return a.filter(p -> p.toString().endsWith(".class")).count() + b.filter(p -> p.toString().endsWith(".class")).count();
    }
  }
}
