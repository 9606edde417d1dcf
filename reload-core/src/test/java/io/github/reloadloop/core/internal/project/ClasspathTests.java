package io.github.reloadloop.core.internal.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathTests {

  @TempDir
  Path work;

  private static Path manifestOnlyJar(Path jar, String classPath) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.flush();
    }
    return jar;
  }

  @Test
  void manifestOnlyJar_expand_addsRelativeFileUriAndSpacedEntries() throws IOException {
    Path dir = Files.createDirectories(work.resolve("with space"));
    Path relative = Files.createDirectories(dir.resolve("lib dir/classes"));
    Path absolute = Files.createDirectories(work.resolve("abs olute/test-classes"));
    Path sibling = Files.createFile(work.resolve("sibling.jar"));
    String classPath = "lib%20dir/classes/ " + absolute.toUri() + " ../sibling.jar missing.jar";
    Path booter = manifestOnlyJar(dir.resolve("surefirebooter.jar"), classPath);

    var entries = Classpath.expand(booter.toString());

    assertThat(entries).containsExactly(booter, relative, absolute, sibling);
  }

  @Test
  void nestedManifestJars_expand_followedOnceWithoutLooping() throws IOException {
    Path a = work.resolve("a.jar");
    Path b = work.resolve("b.jar");
    manifestOnlyJar(a, "b.jar");
    manifestOnlyJar(b, "a.jar");

    assertThat(Classpath.expand(a.toString())).containsExactly(a, b);
  }

  @Test
  void oddManifestEntries_expand_keepJarAndSkipThem() throws IOException {
    Path jar = manifestOnlyJar(work.resolve("odd.jar"), "http://example.com/remote.jar bad%zz.jar");

    assertThat(Classpath.expand(jar.toString())).containsExactly(jar);
  }

  @Test
  void pathString_expand_splitsDropsBlanksAndMissing() throws IOException {
    Path one = Files.createDirectories(work.resolve("one"));
    Path two = Files.createFile(work.resolve("two.jar"));
    String path = one + File.pathSeparator + File.pathSeparator + work.resolve("gone") + File.pathSeparator + two
        + File.pathSeparator + one;

    assertThat(Classpath.expand(path)).containsExactly(one, two);
  }

  @Test
  void runningJvm_ofRunningJvm_findsJUnitAndReloadCore() {
    var entries = Classpath.ofRunningJvm();

    assertThat(entries).anyMatch(p -> p.toString().contains("junit-jupiter-api"));
    assertThat(entries).anyMatch(p -> Files.isDirectory(p) && Files.exists(
        p.resolve("io/github/reloadloop/core/AutoReloader.class")));
  }
}
