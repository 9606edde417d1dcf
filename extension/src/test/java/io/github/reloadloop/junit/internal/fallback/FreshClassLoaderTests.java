package io.github.reloadloop.junit.internal.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshClassLoaderTests {

  @TempDir Path directory;

  @Test
  void jdkAndReloadLoopClasses_alwaysComeFromTheParent() {
    assertThat(FreshClassLoader.alwaysFromParent("java.util.List")).isTrue();
    assertThat(FreshClassLoader.alwaysFromParent("io.github.reloadloop.junit.ReloadLoop")).isTrue();
    assertThat(FreshClassLoader.alwaysFromParent("org.junit.jupiter.api.Test")).as("a jar: by rule, not by name")
        .isFalse();
    assertThat(FreshClassLoader.alwaysFromParent("acme.Ledger")).isFalse();
    assertThat(FreshClassLoader.alwaysFromParent("io.github.reloadloop.sample.Order")).as("a project of ours")
        .isFalse();
  }

  @Test
  void projectClassInTheDirectories_definedAnewEvenIfTheParentHasIt() throws Exception {
    Path out = compile("out", "neutral/Probe.java",
        "package neutral; public class Probe { public static int answer() { return 42; } }");

    try (URLClassLoader parent = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
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

  /**
   * The trap of issue 10: a class in one directory looks up, by name, a class found only in a second
   * directory (a multi-release overlay added to the class path) and casts it to an interface of the first.
   * When the fresh loader covers only the first directory, the lookup finds the parent's copy, whose
   * interface is the parent's: ClassCastException. Every directory of the class path is the project's.
   */
  @Test
  void classFoundOnlyInASecondDirectory_loadedHereToo_noTypeSplitAcrossLoaders() throws Exception {
    Path base = compile("base", "auth/Shim.java", "package auth; public interface Shim { String name(); }");
    Files.writeString(Files.createDirectories(directory.resolve("src-base/auth")).resolve("Registry.java"), """
        package auth;
        public class Registry {
          public static Shim handler() throws Exception {
            return (Shim) Class.forName("auth.RequestHandler").getDeclaredConstructor().newInstance();
          }
        }
        """);
    javac(base, base, directory.resolve("src-base/auth/Registry.java"));
    Path overlay = compile("overlay", "auth/RequestHandler.java",
        "package auth; public class RequestHandler implements Shim { public String name() { return \"overlay\"; } }",
        base);

    try (URLClassLoader parent = new URLClassLoader(new URL[] {base.toUri().toURL(), overlay.toUri().toURL()},
            getClass().getClassLoader())) {
      List<Path> entries = ProjectClasspath.of(parent, java.util.Map.of(), List.of());
      assertThat(entries).containsSubsequence(base, overlay);
      try (FreshClassLoader fresh = new FreshClassLoader(entries, parent, 2)) {
        Object shim = fresh.loadClass("auth.Registry").getMethod("handler").invoke(null);

        assertThat(shim.getClass().getClassLoader()).isSameAs(fresh);
        assertThat(fresh.loadClass("auth.Shim").isInstance(shim)).isTrue();
      }
    }
  }

  @Test
  void resources_projectsFirstThenDependenciesOnly_noDuplicatesOfTheProjectsOwn() throws Exception {
    Path out = Files.createDirectories(directory.resolve("res"));
    Path services = Files.createDirectories(out.resolve("META-INF/services"));
    Files.writeString(services.resolve("java.lang.Runnable"), "acme.Task\n");

    try (URLClassLoader parent = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
        FreshClassLoader fresh = new FreshClassLoader(List.of(out), parent, 3)) {
      List<URL> found = Collections.list(fresh.getResources("META-INF/services/java.lang.Runnable"));

      assertThat(found).hasSize(1);
      assertThat(Path.of(found.get(0).toURI())).startsWith(out);
      assertThat(Collections.list(fresh.getResources("META-INF/MANIFEST.MF"))).as("the jars' own resources")
          .isNotEmpty();
    }
  }

  /**
   * {@code mvn test -pl app}: a sibling module's classes come from its installed jar; the fresh loader loads
   * them child-first from there (after the jar's overlay of newer class files), and its resources once.
   */
  @Test
  void siblingModulesJar_loadedChildFirstAfterItsOverlay_resourcesNotDuplicated() throws Exception {
    Path out = compile("core", "core/Rates.java", "package core; public class Rates { public static int rate() { return 1; } }");
    Files.writeString(out.resolve("core/rates.properties"), "rate=1\n");
    Path jar = directory.resolve("core-1.0.jar");
    try (OutputStream stream = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(stream)) {
      for (String entry : List.of("core/Rates.class", "core/rates.properties")) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(Files.readAllBytes(out.resolve(entry)));
      }
    }
    Path overlay = compile("overlay", "core/Rates.java",
        "package core; public class Rates { public static int rate() { return 2; } }");

    try (URLClassLoader parent = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      List<Path> entries = ProjectClasspath.of(parent, Map.of(jar, overlay), List.of(jar));
      assertThat(entries).containsSubsequence(overlay, jar);
      try (FreshClassLoader fresh = new FreshClassLoader(entries, parent, 4)) {
        Class<?> rates = fresh.loadClass("core.Rates");

        assertThat(rates.getClassLoader()).isSameAs(fresh);
        assertThat(rates.getMethod("rate").invoke(null)).as("the overlay's newer version").isEqualTo(2);
        assertThat(Collections.list(fresh.getResources("core/rates.properties"))).hasSize(1);
        assertThat(parent.loadClass("core.Rates").getMethod("rate").invoke(null)).isEqualTo(1);
      }
    }
  }

  private Path compile(String name, String file, String text, Path... classpath) throws Exception {
    Path source = directory.resolve("src-" + name).resolve(file);
    Files.createDirectories(source.getParent());
    Files.writeString(source, text);
    Path out = Files.createDirectories(directory.resolve(name));
    javac(out, classpath.length == 0 ? out : classpath[0], source);
    return out;
  }

  private static void javac(Path out, Path classpath, Path source) {
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), "-cp",
        classpath.toString(), source.toString());
    assertThat(status).isZero();
  }
}
