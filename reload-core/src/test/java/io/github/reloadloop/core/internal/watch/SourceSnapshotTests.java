package io.github.reloadloop.core.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSnapshotTests {

  @TempDir
  Path directory;

  @Test
  void filesInTwoRoots_newest_theLastModifiedJavaFile() throws IOException {
    Path main = directory.resolve("src/main/java");
    Path test = directory.resolve("src/test/java");
    Path older = write(main.resolve("a/Older.java"), Instant.parse("2026-01-01T00:00:00Z"));
    Path newest = write(test.resolve("a/NewestTest.java"), Instant.parse("2026-03-01T00:00:00Z"));
    write(main.resolve("a/notes.txt"), Instant.parse("2026-06-01T00:00:00Z"));

    assertThat(new SourceSnapshot(List.of(main, test)).newest()).isEqualTo(newest);
    assertThat(new SourceSnapshot(List.of(main)).newest()).isEqualTo(older);
  }

  @Test
  void noJavaFileOrNoRoot_newest_none() throws IOException {
    Files.createDirectories(directory.resolve("empty"));

    assertThat(new SourceSnapshot(List.of(directory.resolve("empty"), directory.resolve("missing"))).newest())
        .isNull();
  }

  private static Path write(Path file, Instant modified) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "class X {}");
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }
}
