package io.github.reloadloop.junit.rerun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshClassLoaderTests {

  @TempDir Path classes;

  @Test
  void frameworkAndToolPackages_comeFromTheParent() {
    assertThat(FreshClassLoader.parentFirst("org.junit.jupiter.api.Test")).isTrue();
    assertThat(FreshClassLoader.parentFirst("io.github.reloadloop.junit.ReloadLoop")).isTrue();
    assertThat(FreshClassLoader.parentFirst("org.jline.reader.LineReader")).isTrue();
    assertThat(FreshClassLoader.parentFirst("java.util.List")).isTrue();
    assertThat(FreshClassLoader.parentFirst("io.github.reloadloop.sample.Order")).isFalse();
    assertThat(FreshClassLoader.parentFirst("acme.Ledger")).isFalse();
  }

  @Test
  void projectClassInTheDirectories_definedAnewEvenIfTheParentHasIt() throws Exception {
    Path source = Files.createDirectories(classes.resolve("src/neutral")).resolve("Probe.java");
    Files.writeString(source, "package neutral; public class Probe { public static int answer() { return 42; } }");
    Path out = Files.createDirectories(classes.resolve("out"));
    int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(),
        source.toString());
    assertThat(status).isZero();

    try (java.net.URLClassLoader parent = new java.net.URLClassLoader(new java.net.URL[] {out.toUri().toURL()},
            getClass().getClassLoader());
        FreshClassLoader fresh = new FreshClassLoader(List.of(out), parent, 1)) {
      Class<?> old = parent.loadClass("neutral.Probe");
      Class<?> anew = fresh.loadClass("neutral.Probe");

      assertThat(anew).isNotSameAs(old);
      assertThat(anew.getClassLoader()).isSameAs(fresh);
      assertThat(fresh.loadClass("org.junit.jupiter.api.Test")).isSameAs(org.junit.jupiter.api.Test.class);
      assertThat(Path.of(fresh.getResource("neutral/Probe.class").toURI())).startsWith(out);
      assertThat(fresh.getName()).isEqualTo("reload-loop-fresh-1");
    }
  }
}
