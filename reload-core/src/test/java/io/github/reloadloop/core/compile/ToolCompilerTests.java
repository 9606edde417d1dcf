package io.github.reloadloop.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  private static SourceCompiler compiler(CompilerKind kind) {
    var settings = new CompileSettings(Classpath.ofRunningJvm(), 17, false, StandardCharsets.UTF_8);
    return kind == CompilerKind.JAVAC ? new JavacCompiler(settings) : new EcjCompiler(settings);
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void validSources_compile_classesInMemoryWithTheirSource(CompilerKind kind) throws IOException {
    SourceFile source = source("demo/Box.java", "package demo; public class Box { class Inner {} Runnable r = () -> {}; }");
    Path file = source.path();
    var output = compiler(kind).compile(List.of(source));

    assertThat(output.errors()).isEmpty();
    assertThat(output.classes()).containsKeys("demo.Box", "demo.Box$Inner");
    assertThat(output.sources()).containsEntry("demo.Box", file).containsEntry("demo.Box$Inner", file);
    assertThat(CompilerKind.fingerprint(output.classes().get("demo.Box"))).contains(kind);
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void syntaxError_compile_errorWithFileLineAndColumn(CompilerKind kind) throws IOException {
    SourceFile source = source("demo/Broken.java", "package demo;\npublic class Broken {\n  int x() { return 1 +; }\n}\n");
    Path file = source.path();
    var output = compiler(kind).compile(List.of(source));

    assertThat(output.succeeded()).isFalse();
    assertThat(output.classes()).isEmpty();
    var error = output.errors().get(0);
    assertThat(error.file()).isEqualTo(file);
    assertThat(error.line()).isEqualTo(3);
    assertThat(error.column()).isPositive();
    assertThat(error.message()).isNotBlank();
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void textDiffersFromDisk_compile_compilesTheTextGiven(CompilerKind kind) throws IOException {
    SourceFile onDisk = source("demo/Text.java", "package demo; public class Text { int broken( }");
    var output = compiler(kind).compile(List.of(new SourceFile(onDisk.path(), "package demo; public class Text {}")));

    assertThat(output.errors()).isEmpty();
    assertThat(output.classes()).containsOnlyKeys("demo.Text");
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void warmUp_warmUp_doesNotThrow(CompilerKind kind) {
    compiler(kind).warmUp();
  }
}
