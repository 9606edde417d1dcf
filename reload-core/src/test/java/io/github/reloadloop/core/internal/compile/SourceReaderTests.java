package io.github.reloadloop.core.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReaderTests {

  @TempDir
  Path root;

  private final SourceReader reader = new SourceReader(StandardCharsets.UTF_8);

  @Test
  void utf8File_read_decodedText() throws Exception {
    Path file = Files.writeString(root.resolve("A.java"), "class A { String s = \"héllo\"; }");

    assertThat(reader.read(file).text()).contains("héllo");
  }

  @Test
  void latin1File_read_problemNamesByteOffsetAndLine() throws IOException {
    Path file = Files.write(root.resolve("B.java"),
        "class B {\n  // caf\u00e9\n}\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> reader.read(file))
        .isInstanceOfSatisfying(SourceReader.UnreadableSource.class, e -> {
          assertThat(e.problem.file()).isEqualTo(file);
          assertThat(e.problem.line()).isEqualTo(2);
          assertThat(e.problem.message()).contains("not valid UTF-8", "byte 0xE9", "offset 18", "save the file as UTF-8");
        });
  }

  @Test
  void missingFile_read_problemSaysCannotRead() {
    assertThatThrownBy(() -> reader.read(root.resolve("Gone.java")))
        .isInstanceOfSatisfying(SourceReader.UnreadableSource.class,
            e -> assertThat(e.problem.message()).startsWith("cannot read the file"));
  }

  @Test
  void packageMatchingDirectory_misplacedPackage_null() {
    var source = new SourceFile(root.resolve("acme/shop/Cart.java"), "package acme.shop;\nclass Cart {}");

    assertThat(SourceReader.misplacedPackage(source, root)).isNull();
  }

  @Test
  void packageNotMatchingDirectory_misplacedPackage_declaredPackage() {
    var source = new SourceFile(root.resolve("acme/Cart.java"),
        "/* package wrong; */\n// package wrong2;\npackage acme . shop ;\nclass Cart {}");

    assertThat(SourceReader.misplacedPackage(source, root)).isEqualTo("acme.shop");
  }

  @Test
  void defaultPackageInSubdirectory_misplacedPackage_emptyName() {
    var source = new SourceFile(root.resolve("acme/Cart.java"), "class Cart {}");

    assertThat(SourceReader.misplacedPackage(source, root)).isEmpty();
  }

  @Test
  void defaultPackageAtRoot_misplacedPackage_null() {
    assertThat(SourceReader.misplacedPackage(new SourceFile(root.resolve("Cart.java"), "class Cart {}"), root))
        .isNull();
  }
}
