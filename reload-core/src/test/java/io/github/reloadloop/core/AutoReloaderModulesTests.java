package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadStatus;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.FixtureCompiler;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import io.github.reloadloop.core.support.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-module builds as AutoReloader meets them: a sibling module's classes loaded from its installed jar or
 * from Gradle's class directories, found from the class path with no configuration, and redefined in place;
 * saves elsewhere in the checkout reported once.
 */
@Timeout(60)
class AutoReloaderModulesTests {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path checkout;
  @TempDir Path repository;

  private Path write(String relative, String text) throws IOException {
    return Trees.write(checkout, relative, text);
  }

  private static String prices(String body) {
    return "package shop;\npublic class Prices {\n  public static int discount() {\n    " + body + "\n  }\n}\n";
  }

  /** A reactor of core and app, as {@code mvn install} left it: core's classes only in its installed jar. */
  private Path reactorWithCoreInstalled() throws IOException {
    write("pom.xml", "<project><groupId>example</groupId><artifactId>shop</artifactId>"
        + "<modules><module>core</module><module>app</module></modules></project>");
    write("core/pom.xml", "<project><parent><groupId>example</groupId></parent><artifactId>core</artifactId></project>");
    write("app/pom.xml", "<project><groupId>example</groupId><artifactId>app</artifactId></project>");
    Files.createDirectories(checkout.resolve("app/src/test/java"));
    write("core/src/main/java/shop/Prices.java", prices("return 1;"));
    Path classes = Files.createDirectories(repository.resolve("build"));
    FixtureCompiler.compileTree(CompilerKind.JAVAC, checkout.resolve("core/src/main/java"), classes);
    Path jar = repository.resolve("example/core/1.0/core-1.0.jar");
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
        Stream<Path> tree = Files.walk(classes)) {
      zip.putNextEntry(new ZipEntry("META-INF/maven/example/core/pom.properties"));
      zip.write("groupId=example\nartifactId=core\nversion=1.0\n".getBytes(StandardCharsets.ISO_8859_1));
      for (Path file : tree.filter(Files::isRegularFile).toList()) {
        zip.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
        zip.write(Files.readAllBytes(file));
      }
    }
    return jar;
  }

  @Test
  void siblingModuleFromItsInstalledJar_discovered_bodyEditRedefinedInPlace_schemaChangeKeptInTheOverlay()
      throws Exception {
    Path jar = reactorWithCoreInstalled();
    Map<String, String> jarBefore = SampleProject.checksums(jar.getParent());
    Path coreRoot = checkout.resolve("core/src/main/java");
    RecordingListener events = new RecordingListener();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        AutoReloader reloader = AutoReloader.builder().moduleDirectory(checkout.resolve("app")).discoverSourceRoots()
            .classpath(List.of(jar)).reporter(ReloadListener.NONE).listener(events).start()) {
      Class<?> prices = Class.forName("shop.Prices", true, loader);
      assertThat(call(prices, "discount")).isEqualTo(1);

      ReloadStatus status = reloader.status();
      assertThat(status.sourceRoots()).containsExactly(checkout.resolve("app/src/test/java"), coreRoot);
      assertThat(status.outputDirectories()).containsEntry(coreRoot, jar);
      assertThat(status.modules()).containsEntry(coreRoot, "core").containsEntry(checkout.resolve("app/src/test/java"),
          "app");

      write("core/src/main/java/shop/Prices.java", prices("return 10;"));
      assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
      assertThat(events.redefined).as("%s", events).containsExactly("shop.Prices");
      assertThat(call(prices, "discount")).as("the class loaded from the jar runs the fix").isEqualTo(10);

      write("core/src/main/java/shop/Prices.java", prices("return base() * 2;\n  }\n  static int base() {\n"
          + "    return 10;"));
      assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
      assertThat(events.refused).extracting(RefusedClass::className).containsOnly("shop.Prices");
      assertThat(call(prices, "discount")).as("the old version keeps running").isEqualTo(10);
      assertThat(reloader.status().overlayDirectories().get(jar).resolve("shop/Prices.class"))
          .as("the new version, for a fresh class loader").isRegularFile();
    }
    assertThat(SampleProject.checksums(jar.getParent())).as("the jar is never written").isEqualTo(jarBefore);
  }

  @Test
  void gradleLayout_moduleFromBuildClassesJavaMain_discoveredAndRedefined() throws Exception {
    write("settings.gradle", "include 'app'");
    write("app/build.gradle", "plugins { id 'java' }");
    write("app/src/main/java/shop/Prices.java", prices("return 1;"));
    Path classes = Files.createDirectories(checkout.resolve("app/build/classes/java/main"));
    FixtureCompiler.compileTree(CompilerKind.JAVAC, checkout.resolve("app/src/main/java"), classes);
    RecordingListener events = new RecordingListener();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        AutoReloader reloader = AutoReloader.builder().moduleDirectory(checkout.resolve("app")).discoverSourceRoots()
            .classpath(List.of(classes)).reporter(ReloadListener.NONE).listener(events).start()) {
      Class<?> prices = Class.forName("shop.Prices", true, loader);

      assertThat(reloader.status().outputDirectories()).containsEntry(checkout.resolve("app/src/main/java"), classes);
      assertThat(reloader.status().overlayDirectories().get(classes))
          .as("the overlay lives in Gradle's build directory").startsWith(checkout.resolve("app/build/reload-loop"));
      write("app/src/main/java/shop/Prices.java", prices("return 7;"));
      assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
      assertThat(call(prices, "discount")).as("%s", events).isEqualTo(7);
    }
  }

  @Test
  void saveOutsideTheRoots_inTheCheckout_reportedOncePerSourceRoot_buildOutputIgnored() throws Exception {
    reactorWithCoreInstalled();
    write("tools/pom.xml", "<project><artifactId>tools</artifactId></project>");
    Files.createDirectories(checkout.resolve("core/target/generated-sources"));
    RecordingListener events = new RecordingListener();
    Outside outside = new Outside();
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try (AutoReloader reloader = AutoReloader.builder().moduleDirectory(checkout.resolve("app")).discoverSourceRoots()
        .classpath(List.of()).reporter(new StandardErrorReporter(new PrintStream(report, true, StandardCharsets.UTF_8)))
        .listener(events).listener(outside).start()) {
      assertThat(reloader.status().sourceRoots()).as("core is not on this class path")
          .containsExactly(checkout.resolve("app/src/test/java"));

      Path fix = checkout.resolve("core/src/main/java/shop/Prices.java");
      // The checkout is registered on the watcher's thread after the start: saved until that is done.
      Await.until(() -> "the save in core is reported: " + events + report, () -> {
        try {
          Trees.write(checkout, "core/src/main/java/shop/Prices.java", prices("return 2;"));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return outside.saves.size() == 1;
      });
      write("core/src/main/java/shop/Prices.java", prices("return 3;"));
      write("core/src/main/java/shop/Taxes.java", "package shop;\nclass Taxes {}\n");
      write("core/target/generated-sources/shop/Generated.java", "package shop;\nclass Generated {}\n");
      Path later = write("tools/src/main/java/tool/Tool.java", "package tool;\nclass Tool {}\n");
      Await.until("the save in a directory created later is reported", () -> outside.saves.size() == 2);

      assertThat(outside.saves).containsExactly(List.of(fix, checkout.resolve("core/src/main/java")),
          List.of(later, checkout.resolve("tools/src/main/java")));
      assertThat(report.toString(StandardCharsets.UTF_8)).contains("[reload] not reloaded: " + fix
          + " is outside the source roots; add " + checkout.resolve("core/src/main/java") + " to them");
      assertThat(events.changes).as("nothing outside the roots is compiled").isEmpty();
    }
  }

  @Test
  void discovery_findsNothing_startFailsNamingTheDirectory() {
    assertThatThrownBy(() -> AutoReloader.builder().moduleDirectory(checkout).discoverSourceRoots()
        .classpath(List.of()).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no source root found: no Maven or Gradle module with Java sources at " + checkout);
  }

  @Test
  void overlappingRoots_aFileBelongsToTheInnermost() throws Exception {
    try (SampleProject project = new SampleProject(checkout)) {
      project.write("shop/Prices.java", prices("return 1;"));
      project.build(CompilerKind.JAVAC);
      Class<?> prices = project.load("shop.Prices");
      Path outer = checkout.resolve("src");
      Path elsewhere = Files.createDirectories(checkout.resolve("other/classes"));
      RecordingListener events = new RecordingListener();
      try (AutoReloader reloader = project.reloader(events).sourceRoots(outer).outputDirectory(outer, elsewhere)
          .start()) {
        project.write("shop/Prices.java", prices("return 5;"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(prices, "discount")).as("%s", events).isEqualTo(5);
        assertThat(events.warnings).as("no misplaced-package warning: compiled as part of src/main/java").isEmpty();
        assertThat(events.problems).as("compiled once per batch, not once per root (a duplicate class)").isEmpty();
      }
    }
  }

  /** Records saves outside the roots. */
  private static final class Outside implements ReloadListener {
    final List<List<Path>> saves = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void savedOutsideRoots(Path file, Path sourceRoot) {
      saves.add(List.of(file, sourceRoot));
    }
  }
}
