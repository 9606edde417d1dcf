package io.github.reloadloop.core.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reloadloop.core.internal.classfile.ClassShape;
import io.github.reloadloop.core.internal.project.Classpath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToolCompilerTests {

  @TempDir
  Path root;

  /** Writes the file too: ecj insists on it, although the compilers are given the text. */
  private SourceFile source(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return new SourceFile(file, text);
  }

  private static final CompileSettings RELEASE_17 = new CompileSettings(17, false, false);

  private static SourceCompiler compiler(CompilerKind kind) {
    return kind == CompilerKind.JAVAC ? new JavacCompiler(Classpath.ofRunningJvm(), StandardCharsets.UTF_8, List.of())
        : new EcjCompiler(Classpath.ofRunningJvm(), StandardCharsets.UTF_8, List.of());
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void validSources_compile_classesInMemoryWithTheirSource(CompilerKind kind) throws IOException {
    SourceFile source = source("demo/Box.java", "package demo; public class Box { class Inner {} Runnable r = () -> {}; }");
    Path file = source.path();
    var output = compiler(kind).compile(List.of(source), RELEASE_17);

    assertThat(output.problems()).isEmpty();
    assertThat(output.classes()).containsKeys("demo.Box", "demo.Box$Inner");
    assertThat(output.sources()).containsEntry("demo.Box", file).containsEntry("demo.Box$Inner", file);
    assertThat(CompilerKind.fingerprint(output.classes().get("demo.Box"))).contains(kind);
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void syntaxError_compile_errorWithFileLineAndColumn(CompilerKind kind) throws IOException {
    SourceFile source = source("demo/Broken.java", "package demo;\npublic class Broken {\n  int x() { return 1 +; }\n}\n");
    Path file = source.path();
    var output = compiler(kind).compile(List.of(source), RELEASE_17);

    assertThat(output.succeeded()).isFalse();
    assertThat(output.classes()).isEmpty();
    var error = output.problems().get(0);
    assertThat(error.file()).isEqualTo(file);
    assertThat(error.line()).isEqualTo(3);
    assertThat(error.column()).isPositive();
    assertThat(error.message()).isNotBlank();
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void textDiffersFromDisk_compile_compilesTheTextGiven(CompilerKind kind) throws IOException {
    SourceFile onDisk = source("demo/Text.java", "package demo; public class Text { int broken( }");
    var output = compiler(kind).compile(List.of(new SourceFile(onDisk.path(), "package demo; public class Text {}")),
        RELEASE_17);

    assertThat(output.problems()).isEmpty();
    assertThat(output.classes()).containsOnlyKeys("demo.Text");
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void release8WithAccessorsAndParameters_compile_classFileOfRelease8WithAccessorAndNames(CompilerKind kind)
      throws IOException {
    SourceFile source = source("demo/Old.java", "package demo; public class Old { private int x;"
        + " class In { int get() { return x; } } int twice(int value) { return 2 * value; } }");

    var output = compiler(kind).compile(List.of(source), new CompileSettings(8, true, false));

    assertThat(output.problems()).isEmpty();
    byte[] old = output.classes().get("demo.Old");
    assertThat(old[7]).as("major version").isEqualTo((byte) 52);
    ClassShape shape = ClassShape.parse(old);
    assertThat(shape.nestMembers()).isEmpty();
    assertThat(shape.methods()).anyMatch(m -> m.name().startsWith("access$"));
    assertThat(shape.hasMethodParameters()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void warmUp_warmUp_allRoundsCompile(CompilerKind kind) {
    assertThat(compiler(kind).warmUp(RELEASE_17, 3, List.of(), () -> false))
        .isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void projectFileThatDoesNotCompile_warmUp_leftOutAndEveryRoundCompletes(CompilerKind kind) throws IOException {
    Path broken = Files.writeString(root.resolve("Broken.java"), "class Broken { int x = ; }");
    Path fine = Files.writeString(root.resolve("Fine.java"), "class Fine { int x = 1; }");

    assertThat(compiler(kind).warmUp(RELEASE_17, 3, List.of(new SourceFile(broken, Files.readString(broken))),
        () -> false)).isEqualTo(3);
    assertThat(compiler(kind).warmUp(RELEASE_17, 3, List.of(new SourceFile(fine, Files.readString(fine))),
        () -> false)).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void release8_warmUp_theWarmUpClassCompilesForTheOldestRelease(CompilerKind kind) {
    assertThat(compiler(kind).warmUp(new CompileSettings(8, false, false), 2, List.of(), () -> false)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void cancelledBeforeStart_warmUp_noRound(CompilerKind kind) {
    assertThat(compiler(kind).warmUp(RELEASE_17, 3, List.of(), () -> true)).isZero();
  }

  @Test
  void javacCancelledDuringCompile_warmUp_stopsWithinTheFirstRound() {
    AtomicInteger asked = new AtomicInteger();
    // Not cancelled when the round starts, cancelled from the compiler's first phase on.
    int rounds = compiler(CompilerKind.JAVAC).warmUp(RELEASE_17, 3, List.of(),
        () -> asked.incrementAndGet() > 1);

    assertThat(rounds).isZero();
    assertThat(asked.get()).isGreaterThan(1);
  }

  @Test
  void javacForAReleaseTheJdkCannotTarget_warmUp_failsNamingTheRelease() {
    CompileSettings future = new CompileSettings(Runtime.version().feature() + 1, false, false);

    assertThatThrownBy(() -> compiler(CompilerKind.JAVAC).warmUp(future, 1, List.of(), () -> false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("release " + (Runtime.version().feature() + 1));
  }
}
