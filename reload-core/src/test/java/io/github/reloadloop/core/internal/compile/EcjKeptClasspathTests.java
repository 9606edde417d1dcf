package io.github.reloadloop.core.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.internal.overlay.Overlay;
import io.github.reloadloop.core.internal.project.Classpath;
import io.github.reloadloop.core.internal.project.ProjectLayout;
import io.github.reloadloop.core.processors.ProcessorFixtures;
import io.github.reloadloop.core.support.FixtureCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ecj on its kept name environment gives what ecj's {@code javax.tools} front end gives, compiling fresh. Every
 * compile here is made by both, over the same class path (an overlay directory, the build's class directory, a
 * jar, the JVM's class path); outputs must be identical, byte for byte, or fail with the same errors. Between
 * compiles the class directories and the jar change as a session changes them.
 */
@Timeout(120)
class EcjKeptClasspathTests {

  private static final CompileSettings RELEASE_17 = new CompileSettings(17, false, false);

  @TempDir
  Path directory;

  private Path sources;
  private Path classes;
  private Path overlay;
  private final List<Path> jars = new ArrayList<>();
  private EcjCompiler kept;

  @AfterEach
  void close() {
    if (kept != null) {
      kept.close();
    }
  }

  private void build(Map<String, String> files) {
    sources = directory.resolve("src");
    classes = directory.resolve("target/classes");
    overlay = directory.resolve("target/reload-loop/1-1/classes");
    files.forEach(this::write);
    FixtureCompiler.compileTree(CompilerKind.ECJ, sources, classes);
  }

  /** A jar of {@code files}' classes (in package {@code pkg}), written over any earlier jar of that name. */
  private Path jar(String name, String pkg, Map<String, String> files) throws IOException {
    Path root = directory.resolve("jar-src-" + name);
    files.forEach((file, text) -> writeTo(root, file, text));
    Path out = directory.resolve("jar-out-" + name);
    FixtureCompiler.compileTree(CompilerKind.ECJ, root, out);
    Path jar = directory.resolve(name + ".jar");
    try (JarOutputStream stream = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> tree = Files.walk(out.resolve(pkg.replace('.', '/')))) {
      for (Path file : tree.filter(Files::isRegularFile).sorted().toList()) {
        stream.putNextEntry(new JarEntry(out.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, stream);
        stream.closeEntry();
      }
    }
    if (!jars.contains(jar)) {
      jars.add(jar);
    }
    return jar;
  }

  private List<Path> classpath() {
    List<Path> entries = new ArrayList<>(List.of(overlay, classes));
    entries.addAll(jars);
    entries.addAll(Classpath.ofRunningJvm());
    return entries;
  }

  private EcjCompiler kept() {
    if (kept == null) {
      kept = new EcjCompiler(classpath(), StandardCharsets.UTF_8, List.of());
    }
    return kept;
  }

  private Path write(String file, String text) {
    return writeTo(sources, file, text);
  }

  private static Path writeTo(Path root, String file, String text) {
    try {
      Path path = root.resolve(file);
      Files.createDirectories(path.getParent());
      return Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the reloader does with a compiled patch: its class files go to the overlay. */
  private void patch(CompileOutput output) throws IOException {
    assertThat(output.succeeded()).as("%s", output.problems()).isTrue();
    for (var entry : output.classes().entrySet()) {
      Overlay.writeAtomically(ProjectLayout.classFile(overlay, entry.getKey()), entry.getValue());
    }
  }

  /** Compiles {@code files} with the kept ecj and a fresh one; asserts both give the same; returns the kept one's. */
  private CompileOutput compile(CompileSettings settings, Map<String, String> files) {
    List<SourceFile> units = new ArrayList<>();
    new TreeMap<>(files).forEach((file, text) -> units.add(new SourceFile(write(file, text), text)));
    CompileOutput keptOutput = kept().compile(units, settings);
    assertThat(kept().lastKept()).as("compiled on the kept environment").isTrue();
    CompileOutput freshOutput;
    try (EcjCompiler fresh = fresh(classpath(), List.of())) {
      freshOutput = fresh.compile(units, settings);
      assertThat(fresh.lastKept()).isFalse();
    }
    assertThat(describe(keptOutput)).as("kept environment against ecj's javax.tools front end")
        .isEqualTo(describe(freshOutput));
    return keptOutput;
  }

  private CompileOutput compile(Map<String, String> files) {
    return compile(RELEASE_17, files);
  }

  private static EcjCompiler fresh(List<Path> classpath, List<Path> processorPath) {
    String previous = System.setProperty(EcjCompiler.KEEP_KEY, "false");
    try {
      return new EcjCompiler(classpath, StandardCharsets.UTF_8, processorPath);
    } finally {
      if (previous == null) {
        System.clearProperty(EcjCompiler.KEEP_KEY);
      } else {
        System.setProperty(EcjCompiler.KEEP_KEY, previous);
      }
    }
  }

  /**
   * Every class with its bytes and source (by name: the two write them in different orders), or where every
   * problem is: what must be the same. Messages are not compared: the front end names types in full
   * ({@code shop.Price}), ecj's command line and the Eclipse IDE by their simple names, as the kept one does.
   */
  private static String describe(CompileOutput output) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(output.classes()).forEach((name, bytes) -> text.append(name).append(" from ")
        .append(output.sources().get(name)).append(' ').append(HexFormat.of().formatHex(bytes)).append('\n'));
    for (CompileProblem problem : output.problems()) {
      text.append(problem.file() == null ? "" : problem.file().getFileName()).append(':').append(problem.line())
          .append(':').append(problem.column()).append('\n');
    }
    return text.toString();
  }

  private static final String PRICE = """
      package shop;
      public class Price {
        public int base() { return 10; }
      }
      """;

  @ParameterizedTest
  @ValueSource(ints = {8, 11, 17})
  void lambdasSwitchesNestedClasses_compile_sameBytesAsEcjsFrontEnd(int release) throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jar("util", "lib", Map.of("lib/Tax.java", "package lib; public class Tax { public static int of(int v) { return v / 5; } }"));

    CompileOutput output = compile(new CompileSettings(release, release == 17, false), Map.of(
        SourceCompiler.WARM_UP_CLASS + ".java", SourceCompiler.WARM_UP_SOURCE,
        "shop/Cart.java", """
            package shop;
            import java.util.*;
            class Cart {
              private final List<Price> prices = new ArrayList<>();
              private int secret = 3;
              class Line { int value() { return secret + lib.Tax.of(prices.size()); } }
              int total(String mode) {
                switch (mode) { case "all": return prices.stream().mapToInt(Price::base).sum(); default: return 0; }
              }
            }
            """));

    assertThat(output.classes()).containsKeys("shop.Cart", "shop.Cart$Line", SourceCompiler.WARM_UP_CLASS);
    assertThat(output.classes().get("shop.Cart")[7]).as("major version").isEqualTo((byte) (44 + release));
  }

  @Test
  void errorsInTwoFiles_compile_sameProblemsAsEcjsFrontEnd() {
    build(Map.of("shop/Price.java", PRICE));

    CompileOutput output = compile(Map.of(
        "shop/Cart.java", "package shop;\nclass Cart {\n  int total(Price p) { return p.nope(); }\n}\n",
        "shop/Broken.java", "package shop;\nclass Broken {\n  int x() { return 1 +; }\n}\n"));

    assertThat(output.problems()).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(p -> assertThat(p.line()).isEqualTo(3))
        .allSatisfy(p -> assertThat(p.column()).isPositive())
        .anySatisfy(p -> assertThat(p.message()).isEqualTo("The method nope() is undefined for the type Price"))
        .anySatisfy(p -> assertThat(p.message()).isEqualTo("Syntax error on token \"+\", ++ expected"));
  }

  @Test
  void classChangedAddedAndDeletedInTheClassDirectories_compile_seesEachChange() throws IOException {
    build(Map.of("shop/Price.java", PRICE, "shop/Legacy.java", "package shop; public class Legacy { }"));
    String cart = "package shop; class Cart { int total(Price p) { return p.discounted() + new Coupon().value(); } }";
    assertThat(compile(Map.of("shop/Cart.java", cart)).succeeded()).isFalse();
    patch(compile(Map.of("shop/Price.java",
        "package shop; public class Price { public int base() { return 10; } public int discounted() { return 9; } }",
        "shop/Coupon.java", "package shop; public class Coupon { public int value() { return 1; } }")));

    assertThat(compile(Map.of("shop/Cart.java", cart)).succeeded()).as("a member and a class added").isTrue();

    String legacy = "package shop; class Old { Object old() { return new Legacy(); } }";
    assertThat(compile(Map.of("shop/Old.java", legacy)).succeeded()).isTrue();
    Files.delete(classes.resolve("shop/Legacy.class"));
    Files.delete(sources.resolve("shop/Legacy.java"));
    assertThat(compile(Map.of("shop/Old.java", legacy)).problems()).isNotEmpty()
        .allSatisfy(p -> assertThat(p.message()).contains("Legacy"));
  }

  @Test
  void constantChanged_compile_inlinesTheNewValue() throws IOException {
    build(Map.of("shop/Limits.java", "package shop; public class Limits { public static final int MAX = 111; }"));
    String cart = "package shop; class Cart { int max() { return Limits.MAX; } }";
    compile(Map.of("shop/Cart.java", cart));
    patch(compile(Map.of("shop/Limits.java",
        "package shop; public class Limits { public static final int MAX = 222; }")));

    CompileOutput output = compile(Map.of("shop/Cart.java", cart));

    assertThat(new String(output.classes().get("shop.Cart"), StandardCharsets.ISO_8859_1))
        .as("sipush 222, the new value inlined").contains(new String(new byte[] {0x11, 0x00, (byte) 0xDE},
            StandardCharsets.ISO_8859_1));
  }

  @Test
  void jarRebuiltDuringTheSession_compile_readsTheNewJar() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    Path jar = jar("util", "lib", Map.of("lib/Tax.java", "package lib; public class Tax { public static int of(int v) { return v; } }"));
    String cart = "package shop; class Cart { int total() { return lib.Tax.of(1) + lib.Tax.rounded(2); } }";
    assertThat(compile(Map.of("shop/Cart.java", cart)).succeeded()).isFalse();
    FileTime before = Files.getLastModifiedTime(jar);

    jar("util", "lib", Map.of("lib/Tax.java", "package lib; public class Tax { public static int of(int v) { return v; }"
        + " public static int rounded(int v) { return v; } }"));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(before.toMillis() + 2000));

    assertThat(compile(Map.of("shop/Cart.java", cart)).succeeded()).isTrue();
  }

  @Test
  void jarAbsentAtFirstAndAddedLater_compile_findsIt() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jars.add(directory.resolve("late.jar"));
    String cart = "package shop; class Cart { int total() { return lib.Late.value(); } }";
    assertThat(compile(Map.of("shop/Cart.java", cart)).succeeded()).isFalse();

    jar("late", "lib", Map.of("lib/Late.java", "package lib; public class Late { public static int value() { return 1; } }"));

    assertThat(compile(Map.of("shop/Cart.java", cart)).succeeded()).isTrue();
  }

  @Test
  void fileOnTheClassPathThatIsNotAZip_compile_leftOutAsByTheFrontEnd() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jars.add(Files.writeString(directory.resolve("notes.jar"), "not a zip file"));

    CompileOutput output = compile(Map.of("shop/Cart.java",
        "package shop; class Cart { int total(Price p) { return p.base(); } }"));

    assertThat(output.succeeded()).as("%s", output.problems()).isTrue();
  }

  @Test
  void manyCompiles_compile_jarsOpenedOnce() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jar("util", "lib", Map.of("lib/Tax.java", "package lib; public class Tax { public static int of(int v) { return v; } }"));
    String cart = "package shop; class Cart { int total(Price p) { return lib.Tax.of(p.base()); } }";
    compile(Map.of("shop/Cart.java", cart));
    int open = kept().openedJars();

    for (int i = 0; i < 3; i++) {
      compile(Map.of("shop/Cart.java", cart.replace("p.base()", "p.base() + " + i)));
    }

    assertThat(kept().openedJars()).isEqualTo(open).isPositive();
  }

  @Test
  void cancelledDuringCompile_warmUp_stopsWithinTheFirstRound() {
    build(Map.of("shop/Price.java", PRICE));
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

    int rounds = kept().warmUp(RELEASE_17, 3, List.of(), () -> asked.incrementAndGet() > 1);

    assertThat(rounds).isZero();
    assertThat(asked.get()).isGreaterThan(1);
  }

  @Test
  void annotationProcessorsOnThePath_compile_throughEcjsFrontEnd() {
    build(Map.of("shop/Price.java", PRICE));
    Path processor = ProcessorFixtures.processor(directory.resolve("proc"), "procs.Noting",
        "processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.NOTE, \"seen\");");
    try (EcjCompiler withProcessors = new EcjCompiler(classpath(), StandardCharsets.UTF_8, List.of(processor))) {
      String cart = "package shop; class Cart { int total(Price p) { return p.base(); } }";

      CompileOutput output = withProcessors.compile(List.of(new SourceFile(write("shop/Cart.java", cart), cart)),
          RELEASE_17);

      assertThat(output.succeeded()).as("%s", output.problems()).isTrue();
      assertThat(withProcessors.lastKept()).isFalse();
    }
  }
}
