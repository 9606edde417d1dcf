package io.github.reloadloop.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchCompilerTests {

  @TempDir
  Path directory;

  @Test
  void filesInTwoRoots_newestSource_theLastModifiedJavaFile() throws IOException {
    Path main = directory.resolve("src/main/java");
    Path test = directory.resolve("src/test/java");
    Path older = write(main.resolve("a/Older.java"), Instant.parse("2026-01-01T00:00:00Z"));
    Path newest = write(test.resolve("a/NewestTest.java"), Instant.parse("2026-03-01T00:00:00Z"));
    write(main.resolve("a/notes.txt"), Instant.parse("2026-06-01T00:00:00Z"));

    assertThat(PatchCompiler.newestSource(List.of(main, test))).isEqualTo(newest);
    assertThat(PatchCompiler.newestSource(List.of(main))).isEqualTo(older);
  }

  @Test
  void noJavaFileOrNoRoot_newestSource_none() throws IOException {
    Files.createDirectories(directory.resolve("empty"));

    assertThat(PatchCompiler.newestSource(List.of(directory.resolve("empty"), directory.resolve("missing"))))
        .isNull();
  }

  private static Path write(Path file, Instant modified) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "class X {}");
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }
}
