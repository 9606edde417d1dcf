package io.github.reloadloop.core.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.internal.overlay.Overlay;
import io.github.reloadloop.core.internal.project.Classpath;
import io.github.reloadloop.core.internal.project.ProjectLayout;
import io.github.reloadloop.core.internal.redefine.AgentLoader;
import io.github.reloadloop.core.support.FixtureCompiler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * javac's kept context gives what a fresh javac gives. Every compile here is made twice, by a javac that
 * keeps its context between compiles and by one that compiles fresh each time, over the same class path (an
 * overlay directory, the build's class directory, a jar, the JVM's class path); outputs must be identical, byte
 * for byte, or fail with the same errors. Between compiles the class directories change as a session changes
 * them: patched classes written to the overlay, a class added or deleted.
 */
@Timeout(120)
class KeptContextTests {

  private static final CompileSettings RELEASE_17 = new CompileSettings(17, false, false);

  private static Instrumentation instrumentation;

  @TempDir
  Path directory;

  private Path sources;
  private Path classes;
  private Path overlay;
  private final List<Path> jars = new ArrayList<>();
  private JavacCompiler kept;

  @BeforeAll
  static void agent() {
    instrumentation = AgentLoader.load().instrumentation();
  }

  @AfterEach
  void close() {
    if (kept != null) {
      kept.close();
    }
  }

  /** The project as the build left it: {@code files} compiled into the class directory. */
  private void build(Map<String, String> files) throws IOException {
    sources = directory.resolve("src");
    classes = directory.resolve("target/classes");
    overlay = directory.resolve("target/reload-loop/1-1/classes");
    Files.createDirectories(overlay);
    files.forEach(this::write);
    FixtureCompiler.compileTree(io.github.reloadloop.core.internal.compile.CompilerKind.JAVAC, sources, classes);
  }

  /** A jar of the classes of {@code files} in package {@code pkg}, built against the project's classes. */
  private void jar(String name, String pkg, Map<String, String> files) throws IOException {
    Path root = directory.resolve("jar-src-" + name);
    files.forEach((file, text) -> writeTo(root, file, text));
    Path out = directory.resolve("jar-out-" + name);
    FixtureCompiler.compileTree(CompilerKind.JAVAC, root, out, FixtureCompiler.RELEASE, List.of("-cp",
        classes.toString()));
    Path jar = directory.resolve(name + ".jar");
    try (JarOutputStream stream = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> tree = Files.walk(out.resolve(pkg.replace('.', '/')))) {
      for (Path file : tree.filter(Files::isRegularFile).toList()) {
        stream.putNextEntry(new JarEntry(out.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, stream);
        stream.closeEntry();
      }
    }
    jars.add(jar);
  }

  private List<Path> classpath() {
    List<Path> entries = new ArrayList<>(List.of(overlay, classes));
    entries.addAll(jars);
    entries.addAll(Classpath.ofRunningJvm());
    return entries;
  }

  private JavacCompiler kept() {
    if (kept == null) {
      kept = new JavacCompiler(classpath(), StandardCharsets.UTF_8, List.of(), () -> instrumentation);
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
    for (var entry : output.classes().entrySet()) {
      Overlay.writeAtomically(ProjectLayout.classFile(overlay, entry.getKey()), entry.getValue());
    }
  }

  /**
   * Compiles {@code files} (saved first) with the kept javac and with a fresh one; asserts that both give the
   * same, and returns the kept javac's output.
   */
  private CompileOutput compile(CompileSettings settings, Map<String, String> files) {
    List<SourceFile> units = new ArrayList<>();
    files.forEach((file, text) -> units.add(new SourceFile(write(file, text), text)));
    CompileOutput keptOutput = kept().compile(units, settings);
    CompileOutput freshOutput;
    try (JavacCompiler fresh = new JavacCompiler(classpath(), StandardCharsets.UTF_8, List.of())) {
      freshOutput = fresh.compile(units, settings);
    }
    assertThat(describe(keptOutput)).as("kept context (%s) against a fresh javac", kept().lastUse())
        .isEqualTo(describe(freshOutput));
    return keptOutput;
  }

  private CompileOutput compile(Map<String, String> files) {
    return compile(RELEASE_17, files);
  }

  /** Every class with its bytes, or every problem: what must be the same. */
  private static String describe(CompileOutput output) {
    StringBuilder text = new StringBuilder();
    output.classes().forEach((name, bytes) -> text.append(name).append(' ')
        .append(java.util.HexFormat.of().formatHex(bytes)).append('\n'));
    for (CompileProblem problem : output.problems()) {
      text.append(problem.file() == null ? "" : problem.file().getFileName()).append(':').append(problem.line())
          .append(':').append(problem.column()).append(' ').append(problem.message()).append('\n');
    }
    return text.toString();
  }

  private KeptContexts.Use.Kind lastUse() {
    return kept().lastUse().kind();
  }

  private static final String PRICE = """
      package shop;
      public class Price {
        public int base() { return 10; }
      }
      """;

  @Test
  void projectClassChangedBetweenCompiles_compile_seesTheNewVersion() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    compile(Map.of("shop/Cart.java", "package shop; class Cart { int total(Price p) { return p.base(); } }"));
    patch(compile(Map.of("shop/Price.java", """
        package shop;
        public class Price {
          public int base() { return 10; }
          public int discounted() { return 9; }
        }
        """)));

    CompileOutput output = compile(Map.of("shop/Cart.java",
        "package shop; class Cart { int total(Price p) { return p.discounted(); } }"));

    assertThat(output.succeeded()).isTrue();
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void classAddedToTheOverlay_compile_findsItWhereItWasMissingBefore() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    String cart = "package shop; class Cart { int total() { return new Coupon().value() + new shop.promo.Deal().value(); } }";
    assertThat(compile(Map.of("shop/Cart.java", cart)).succeeded()).isFalse();
    patch(compile(Map.of("shop/Coupon.java", "package shop; public class Coupon { public int value() { return 1; } }",
        "shop/promo/Deal.java", "package shop.promo; public class Deal { public int value() { return 2; } }")));

    CompileOutput output = compile(Map.of("shop/Cart.java", cart));

    assertThat(output.succeeded()).isTrue();
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void classDeletedFromTheClassDirectory_compile_failsAsFreshJavacDoes() throws IOException {
    build(Map.of("shop/Price.java", PRICE, "shop/Legacy.java", "package shop; public class Legacy { }"));
    String cart = "package shop; class Cart { Object old() { return new Legacy(); } int p(Price p) { return p.base(); } }";
    assertThat(compile(Map.of("shop/Cart.java", cart)).succeeded()).isTrue();
    Files.delete(classes.resolve("shop/Legacy.class"));
    Files.delete(sources.resolve("shop/Legacy.java"));

    CompileOutput output = compile(Map.of("shop/Cart.java", cart));

    assertThat(output.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("Legacy"));
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
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
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void memberAddedInOneFileThenUsedFromAnother_compile_succeeds() throws IOException {
    build(Map.of("shop/Price.java", PRICE, "shop/Cart.java",
        "package shop; class Cart { int total(Price p) { return p.base(); } }"));
    CompileOutput price = compile(Map.of("shop/Price.java", """
        package shop;
        public class Price {
          public int base() { return 10; }
          public Price twice() { return this; }
        }
        """));
    patch(price);

    CompileOutput output = compile(Map.of("shop/Cart.java",
        "package shop; class Cart { int total(Price p) { return p.twice().base(); } }"));

    assertThat(output.succeeded()).isTrue();
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void sourceCompiledButNotWritten_compile_readsTheClassDirectoryAgain() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    compile(Map.of("shop/Price.java", "package shop; public class Price { public int cheaper() { return 1; } }"));

    CompileOutput output = compile(Map.of("shop/Cart.java",
        "package shop; class Cart { int total(Price p) { return p.cheaper(); } }"));

    assertThat(output.succeeded()).as("the build's Price has no cheaper()").isFalse();
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void compileErrorThenFix_compile_fixCompilesOnTheKeptContext() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    compile(Map.of("shop/Cart.java", "package shop; class Cart { int total(Price p) { return p.base(); } }"));
    assertThat(compile(Map.of("shop/Cart.java", "package shop; class Cart { int total(Price p) { return p.base( } }"))
        .succeeded()).isFalse();
    assertThat(compile(Map.of("shop/Cart.java", "package shop; class Cart { int total(Price p) { return p.nope(); } }"))
        .succeeded()).isFalse();

    CompileOutput output = compile(Map.of("shop/Cart.java",
        "package shop; class Cart { int total(Price p) { return p.base() + 1; } }"));

    assertThat(output.succeeded()).isTrue();
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void differentReleasesInTurn_compile_eachOnItsOwnKeptContext() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    String old = "package shop; class Old { private int x; class In { int get() { return x; } } }";
    String cart = "package shop; class Cart { int total(Price p) { return p.base(); } }";
    CompileSettings release8 = new CompileSettings(8, true, false);
    CompileSettings release11 = new CompileSettings(11, false, false);
    for (int round = 0; round < 2; round++) {
      assertThat(compile(release8, Map.of("shop/Old.java", old)).classes().get("shop.Old")[7]).isEqualTo((byte) 52);
      assertThat(lastUse()).as(kept().lastUse().toString())
          .isEqualTo(round == 0 ? KeptContexts.Use.Kind.NEW : KeptContexts.Use.Kind.KEPT);
      assertThat(compile(release11, Map.of("shop/Cart.java", cart)).classes().get("shop.Cart")[7]).isEqualTo((byte) 55);
      assertThat(lastUse()).isEqualTo(round == 0 ? KeptContexts.Use.Kind.NEW : KeptContexts.Use.Kind.KEPT);
      assertThat(compile(Map.of("shop/Cart.java", cart)).succeeded()).isTrue();
      assertThat(lastUse()).isEqualTo(round == 0 ? KeptContexts.Use.Kind.NEW : KeptContexts.Use.Kind.KEPT);
    }
  }

  @Test
  void jarClassNamesAProjectClass_compile_fallsBackToANewContext() throws IOException {
    build(Map.of("shop/Model.java", "package shop; public class Model { public String name() { return \"m\"; } }"));
    jar("factory", "lib", Map.of("lib/Factory.java",
        "package lib; public class Factory { public static shop.Model make() { return new shop.Model(); } }"));
    compile(Map.of("shop/User.java", "package shop; class User { String n() { return lib.Factory.make().name(); } }"));
    // A new Model, compiled elsewhere, reaches the overlay while the kept context holds lib.Factory.
    try (JavacCompiler other = new JavacCompiler(classpath(), StandardCharsets.UTF_8, List.of())) {
      String model = """
          package shop;
          public class Model {
            public String name() { return "m"; }
            public String label() { return "l"; }
          }
          """;
      patch(other.compile(List.of(new SourceFile(write("shop/Model.java", model), model)), RELEASE_17));
    }

    CompileOutput output = compile(Map.of("shop/User.java",
        "package shop; class User { String n() { return lib.Factory.make().label(); } }"));

    assertThat(output.succeeded()).isTrue();
    assertThat(kept().lastUse()).isEqualTo(new KeptContexts.Use(KeptContexts.Use.Kind.NEW,
        "lib.Factory refers to package shop of the project"));
  }

  @Test
  void jarClassWhoseTypeIsMissing_compileTwice_failsBothTimesAsFreshJavacDoes() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jar("holder", "lib.api", Map.of("lib/api/Holder.java",
        "package lib.api; public class Holder { public lib.gone.Absent get() { return null; } }",
        "lib/gone/Absent.java", "package lib.gone; public class Absent { }"));
    String user = "package shop; class User { Object n() { return new lib.api.Holder().get().toString(); } }";

    assertThat(compile(Map.of("shop/User.java", user)).succeeded()).isFalse();
    assertThat(compile(Map.of("shop/User.java", user)).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("lib.gone.Absent"));
    assertThat(kept().lastUse()).isEqualTo(new KeptContexts.Use(KeptContexts.Use.Kind.NEW,
        "reading lib.gone.Absent failed"));
  }

  @Test
  void warmedUp_firstCompile_runsOnTheKeptContext() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    assertThat(kept().warmUp(RELEASE_17, 3, List.of(), () -> false))
        .isEqualTo(3);

    compile(Map.of("shop/Cart.java", "package shop; class Cart { int total(Price p) { return p.base(); } }"));

    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  private Path processorJar(String property) {
    String jar = System.getProperty(property);
    assertThat(jar).as("the build names the jar in " + property).isNotNull();
    return Path.of(jar);
  }

  private static final String LINE = """
      package shop;
      import java.util.List;
      import lombok.Builder;
      import lombok.Singular;
      import lombok.Value;
      @Value
      @Builder(toBuilder = true)
      public class Line {
        String sku;
        String name;
        int quantity;
        @Singular List<String> notes;
        public int total(Price p) { return quantity * p.base() * FACTOR; }
      }
      """;

  @Test
  void lombokValueBuilder_severalSaves_keptContextGivesTheFreshBytes() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jars.add(processorJar("test.lombok.jar"));

    List<KeptContexts.Use.Kind> uses = new ArrayList<>();
    for (String factor : List.of("1", "2", "3", "2")) {
      CompileOutput output = compile(Map.of("shop/Line.java", LINE.replace("FACTOR", factor)));

      assertThat(output.succeeded()).as("%s", output.problems()).isTrue();
      assertThat(output.classes()).containsKeys("shop.Line", "shop.Line$LineBuilder");
      assertThat(new String(output.classes().get("shop.Line"), StandardCharsets.ISO_8859_1))
          .as("Lombok's getter").contains("getQuantity");
      uses.add(lastUse());
      patch(output);
    }
    assertThat(uses).as(kept().lastUse().toString()).containsExactly(KeptContexts.Use.Kind.NEW,
        KeptContexts.Use.Kind.KEPT, KeptContexts.Use.Kind.KEPT, KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void lombokClassUsedByAnotherFile_savedTogetherThenApart_keptContextGivesTheFreshBytes() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jars.add(processorJar("test.lombok.jar"));
    String data = """
        package shop;
        @lombok.Data
        @lombok.AllArgsConstructor
        public class Customer {
          private String name;
          private int visits;
          public boolean regular() { return visits > LIMIT; }
        }
        """;
    String user = """
        package shop;
        public class Greeting {
          public String text(Customer c) { return (c.regular() ? "welcome back " : "hello ") + c.getName() + SUFFIX; }
        }
        """;

    patch(compile(Map.of("shop/Customer.java", data.replace("LIMIT", "3"),
        "shop/Greeting.java", user.replace("SUFFIX", "\"!\""))));
    patch(compile(Map.of("shop/Greeting.java", user.replace("SUFFIX", "\".\""))));
    CompileOutput last = compile(Map.of("shop/Customer.java", data.replace("LIMIT", "5")));

    assertThat(last.succeeded()).as("%s", last.problems()).isTrue();
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void processorsOnThePath_warmedUp_firstSaveRunsOnTheKeptContextWithThem() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jars.add(processorJar("test.lombok.jar"));
    assertThat(kept().warmUp(RELEASE_17, 2, List.of(), () -> false)).isEqualTo(2);

    CompileOutput output = compile(Map.of("shop/Line.java", LINE.replace("FACTOR", "2")));

    assertThat(output.classes()).containsKey("shop.Line$LineBuilder");
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  private static final String VIEW = """
      package shop;
      @lombok.Data
      public class LineView {
        private String label;
        private int quantity;
      }
      """;

  private static final String MAPPER = """
      package shop;
      import org.mapstruct.Mapper;
      import org.mapstruct.Mapping;
      @Mapper
      public interface LineMapper {
        @Mapping(target = "label", source = "SOURCE")
        LineView toView(Line line);
      }
      """;

  /** The project with Lombok and MapStruct on the class path, and its Lombok classes compiled and patched. */
  private void mapStructProject() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jars.add(processorJar("test.lombok.jar"));
    jars.add(processorJar("test.mapstruct.jar"));
    jars.add(processorJar("test.mapstruct.processor.jar"));
    patch(compile(Map.of("shop/Line.java", LINE.replace("FACTOR", "1"), "shop/LineView.java", VIEW)));
  }

  @Test
  void mapStructMapper_annotationChanged_implementationRegeneratedAsFreshJavacDoes() throws IOException {
    mapStructProject();

    List<KeptContexts.Use.Kind> uses = new ArrayList<>();
    for (String source : List.of("sku", "name", "sku")) {
      CompileOutput output = compile(Map.of("shop/LineMapper.java", MAPPER.replace("SOURCE", source)));

      assertThat(output.succeeded()).as("%s", output.problems()).isTrue();
      assertThat(new String(output.classes().get("shop.LineMapperImpl"), StandardCharsets.ISO_8859_1))
          .as("the generated implementation reads the mapped property")
          .contains(source.equals("sku") ? "getSku" : "getName");
      uses.add(lastUse());
      patch(output);
    }
    assertThat(uses).containsOnly(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void mapStructMapperWithAnError_thenFixed_failsThenCompilesAsFreshJavacDoes() throws IOException {
    mapStructProject();

    CompileOutput wrong = compile(Map.of("shop/LineMapper.java", MAPPER.replace("SOURCE", "colour")));
    CompileOutput fixed = compile(Map.of("shop/LineMapper.java", MAPPER.replace("SOURCE", "name")));

    assertThat(wrong.problems()).as("MapStruct's error on an unknown property").isNotEmpty();
    assertThat(fixed.succeeded()).as("%s", fixed.problems()).isTrue();
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void lombokFieldAddedThenRemoved_usedFromAnotherFile_keptContextSeesWhatLombokGeneratesNow() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jars.add(processorJar("test.lombok.jar"));
    String withColour = LINE.replace("FACTOR", "1").replace("int quantity;", "int quantity;\n  String colour;");
    String order = """
        package shop;
        public class Order {
          public String colourOf() { return Line.builder().sku("a").colour("red").build().getColour(); }
        }
        """;
    patch(compile(Map.of("shop/Line.java", LINE.replace("FACTOR", "1"))));

    CompileOutput added = compile(Map.of("shop/Line.java", withColour));
    patch(added);
    CompileOutput used = compile(Map.of("shop/Order.java", order));
    patch(used);
    patch(compile(Map.of("shop/Line.java", LINE.replace("FACTOR", "1"))));
    CompileOutput usedAfterRemoval = compile(Map.of("shop/Order.java", order));

    assertThat(new String(added.classes().get("shop.Line$LineBuilder"), StandardCharsets.ISO_8859_1))
        .as("Lombok's builder has the new field's setter").contains("colour");
    assertThat(used.succeeded()).as("%s", used.problems()).isTrue();
    assertThat(usedAfterRemoval.problems()).as("the builder has lost colour(), as a fresh javac says")
        .isNotEmpty();
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void mapStructTargetGainsAProperty_mapperSavedAlone_implementationMapsItAsFreshJavacDoes() throws IOException {
    mapStructProject();
    patch(compile(Map.of("shop/LineMapper.java", MAPPER.replace("SOURCE", "name"))));

    patch(compile(Map.of("shop/LineView.java", VIEW.replace("private int quantity;",
        "private int quantity;\n  private String sku;"))));
    CompileOutput mapper = compile(Map.of("shop/LineMapper.java", MAPPER.replace("SOURCE", "name")));

    assertThat(new String(mapper.classes().get("shop.LineMapperImpl"), StandardCharsets.ISO_8859_1))
        .as("the implementation maps the target's new property").contains("setSku");
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void mapperNoLongerAnnotated_compile_generatesNoImplementationAsFreshJavacDoes() throws IOException {
    mapStructProject();

    CompileOutput annotated = compile(Map.of("shop/LineMapper.java", MAPPER.replace("SOURCE", "name")));
    CompileOutput plain = compile(Map.of("shop/LineMapper.java", MAPPER.replace("SOURCE", "name")
        .replace("@Mapper\n", "")));
    CompileOutput again = compile(Map.of("shop/LineMapper.java", MAPPER.replace("SOURCE", "sku")));

    assertThat(annotated.classes()).containsKey("shop.LineMapperImpl");
    assertThat(plain.classes()).containsOnlyKeys("shop.LineMapper");
    assertThat(new String(again.classes().get("shop.LineMapperImpl"), StandardCharsets.ISO_8859_1))
        .as("generated again once annotated again").contains("getSku");
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void sourceGeneratedIntoANewPackageThenNoLonger_compile_failsAsFreshJavacDoes() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    jars.add(io.github.reloadloop.core.processors.ProcessorFixtures.processor(directory.resolve("stamps"),
        "stamps.StampProcessor", """
            for (javax.lang.model.element.Element e : round.getRootElements()) {
              if (e.getAnnotation(Deprecated.class) != null) {
                String simple = e.getSimpleName() + "Stamp";
                try (java.io.Writer w = processingEnv.getFiler().createSourceFile("gen.stamps." + simple, e)
                    .openWriter()) {
                  w.write("package gen.stamps; public class " + simple + " { public static String of() { return \\""
                      + e.getSimpleName() + "\\"; } }");
                }
              }
            }
            """));
    String tagged = """
        package shop;
        ANNOTATION public class Tagged { public String stamp() { return gen.stamps.TaggedStamp.of(); } }
        """;
    // The first save does not compile (another file has an error), so nothing of it reaches the overlay;
    // the processor has generated gen.stamps.TaggedStamp all the same.
    CompileOutput broken = compile(Map.of("shop/Tagged.java", tagged.replace("ANNOTATION", "@Deprecated"),
        "shop/Broken.java", "package shop; class Broken { int x() { return \"no\"; } }"));
    CompileOutput untagged = compile(Map.of("shop/Tagged.java", tagged.replace("ANNOTATION", "")));
    CompileOutput retagged = compile(Map.of("shop/Tagged.java", tagged.replace("ANNOTATION", "@Deprecated")));

    assertThat(broken.problems()).hasSize(1);
    assertThat(untagged.problems()).as("gen.stamps is gone: the kept context must not find its old class")
        .isNotEmpty();
    assertThat(retagged.classes()).containsKeys("shop.Tagged", "gen.stamps.TaggedStamp");
    assertThat(lastUse()).as(kept().lastUse().toString()).isEqualTo(KeptContexts.Use.Kind.KEPT);
  }

  @Test
  void keptContextsTurnedOff_compile_isFresh() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    String previous = System.setProperty(JavacCompiler.KEEP_KEY, "false");
    try {
      kept();
    } finally {
      if (previous == null) {
        System.clearProperty(JavacCompiler.KEEP_KEY);
      } else {
        System.setProperty(JavacCompiler.KEEP_KEY, previous);
      }
    }

    for (int round = 0; round < 2; round++) {
      compile(Map.of("shop/Cart.java", "package shop; class Cart { int total(Price p) { return p.base(); } }"));

      assertThat(kept().lastUse()).isEqualTo(new KeptContexts.Use(KeptContexts.Use.Kind.FRESH,
          "kept contexts are off"));
    }
  }

  @Test
  void manyCompiles_context_isReplacedAfterItsLimit() throws IOException {
    build(Map.of("shop/Price.java", PRICE));
    List<KeptContexts.Use.Kind> uses = new ArrayList<>();
    for (int round = 0; round <= KeptContext.MAX_COMPILES; round++) {
      String cart = "package shop; class Cart { int total(Price p) { return p.base() + " + round + "; } }";
      assertThat(kept().compile(List.of(new SourceFile(write("shop/Cart.java", cart), cart)), RELEASE_17)
          .succeeded()).isTrue();
      uses.add(lastUse());
    }

    assertThat(uses.get(0)).isEqualTo(KeptContexts.Use.Kind.NEW);
    assertThat(uses.subList(1, KeptContext.MAX_COMPILES)).containsOnly(KeptContexts.Use.Kind.KEPT);
    assertThat(kept().lastUse()).isEqualTo(new KeptContexts.Use(KeptContexts.Use.Kind.NEW,
        "a new context after " + KeptContext.MAX_COMPILES + " compiles"));
    compile(Map.of("shop/Cart.java", "package shop; class Cart { int total(Price p) { return p.base(); } }"));
  }
}
