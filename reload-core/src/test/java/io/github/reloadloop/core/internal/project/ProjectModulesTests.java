package io.github.reloadloop.core.internal.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.support.Trees;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery on directory trees shaped like Maven and Gradle builds, with jars as builds make them. */
class ProjectModulesTests {

  @TempDir Path checkout;

  private Path write(String relative, String text) throws IOException {
    return Trees.write(checkout, relative, text);
  }

  private Path directory(String relative) throws IOException {
    return Files.createDirectories(checkout.resolve(relative));
  }

  private static String pom(String artifactId, String... modules) {
    StringBuilder xml = new StringBuilder("<project><groupId>example</groupId><artifactId>" + artifactId
        + "</artifactId><modules>");
    for (String module : modules) {
      xml.append("<module>").append(module).append("</module>");
    }
    return xml.append("</modules></project>").toString();
  }

  /** A jar with one class entry and, when {@code coordinates} is given, Maven's pom.properties. */
  private static Path jar(Path file, String coordinates, String... entries) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      if (coordinates != null) {
        String[] parts = coordinates.split(":");
        zip.putNextEntry(new ZipEntry("META-INF/maven/" + parts[0] + "/" + parts[1] + "/pom.properties"));
        zip.write(("groupId=" + parts[0] + "\nartifactId=" + parts[1] + "\nversion=1.0\n")
            .getBytes(StandardCharsets.ISO_8859_1));
      }
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
      }
    }
    return file;
  }

  /** A reactor: the root aggregates core, app and libs (itself an aggregator of util), plus a packaging module. */
  private void mavenReactor() throws IOException {
    write("pom.xml", pom("shop", "core", "app", "libs", "distribution"));
    write("core/pom.xml", pom("core"));
    write("app/pom.xml", pom("app"));
    write("libs/pom.xml", pom("libs", "util"));
    write("libs/util/pom.xml", pom("util"));
    write("distribution/pom.xml", pom("distribution"));
    for (String module : List.of("core", "app", "libs/util")) {
      directory(module + "/src/main/java/shop");
      directory(module + "/target/classes/shop");
    }
    directory("app/src/test/java/shop");
    directory("app/target/test-classes");
    directory("distribution/target/classes");
  }

  @Test
  void mavenReactor_fromTheRoot_moduleUnderTestMainAndTestThenSiblingsFromTheirClassDirectories() throws Exception {
    mavenReactor();
    Path dependency = jar(checkout.resolve("repository/junit-4.13.jar"), "junit:junit", "org/junit/Test.class");

    ProjectModules modules = ProjectModules.discover(checkout.resolve("app"), List.of(
        checkout.resolve("app/target/test-classes"), checkout.resolve("app/target/classes"),
        checkout.resolve("core/target/classes"), checkout.resolve("libs/util/target/classes"),
        checkout.resolve("distribution/target/classes"), dependency));

    assertThat(modules.defaultRoots()).containsExactly(checkout.resolve("app/src/main/java"),
        checkout.resolve("app/src/test/java"), checkout.resolve("core/src/main/java"),
        checkout.resolve("libs/util/src/main/java"));
    assertThat(modules.classLocationOf(checkout.resolve("core/src/main/java")))
        .contains(checkout.resolve("core/target/classes"));
    assertThat(modules.classLocationOf(checkout.resolve("app/src/test/java")))
        .contains(checkout.resolve("app/target/test-classes"));
    assertThat(modules.moduleOf(checkout.resolve("libs/util/src/main/java"))).contains("util");
    assertThat(modules.projectDirectory()).isEqualTo(checkout);
    assertThat(modules.notWatched(modules.defaultRoots()))
        .as("the packaging module without sources is skipped silently, the dependency is no module").isEmpty();
  }

  @Test
  void installedJar_ofAModuleOfTheCheckout_mapsBackToItsSources_otherJarsAreDependencies() throws Exception {
    mavenReactor();
    Path repository = Files.createDirectories(checkout.getParent().resolve(checkout.getFileName() + "-m2"));
    Path core = jar(repository.resolve("example/core/1.0/core-1.0.jar"), "example:core", "shop/Core.class");
    Path util = jar(repository.resolve("example/util/1.0/util-1.0.jar"), "example:util", "shop/Util.class");
    Path tests = jar(repository.resolve("example/core/1.0/core-1.0-tests.jar"), "example:core");
    Path lookalike = jar(repository.resolve("other/core/2.0/core-2.0.jar"), "other:core", "other/Core.class");
    directory("core/src/test/java");

    ProjectModules modules = ProjectModules.discover(checkout.resolve("app"), List.of(
        checkout.resolve("app/target/test-classes"), checkout.resolve("app/target/classes"), core, tests, util,
        lookalike));

    assertThat(modules.defaultRoots()).containsExactly(checkout.resolve("app/src/main/java"),
        checkout.resolve("app/src/test/java"), checkout.resolve("core/src/main/java"),
        checkout.resolve("core/src/test/java"), checkout.resolve("libs/util/src/main/java"));
    assertThat(modules.classLocationOf(checkout.resolve("core/src/main/java"))).contains(core);
    assertThat(modules.classLocationOf(checkout.resolve("core/src/test/java"))).contains(tests);
    assertThat(modules.classLocationOf(checkout.resolve("libs/util/src/main/java")))
        .as("a module of a nested aggregator").contains(util);
  }

  @Test
  void jarBuiltInAModule_belongsToIt_withoutPomProperties() throws Exception {
    mavenReactor();
    Path packaged = jar(checkout.resolve("core/target/core-1.0.jar"), null, "shop/Core.class");
    Path vendored = jar(checkout.resolve("core/lib/vendor.jar"), null, "vendor/Thing.class");

    ProjectModules modules = ProjectModules.discover(checkout.resolve("app"), List.of(packaged, vendored));

    assertThat(modules.classLocationOf(checkout.resolve("core/src/main/java"))).contains(packaged);
    assertThat(modules.notWatched(modules.defaultRoots())).as("a jar the module keeps is a dependency").isEmpty();
  }

  @Test
  void gradleBuild_classesJavaMainAndTest_otherSets_andJarsInBuildLibs() throws Exception {
    write("settings.gradle.kts", "include(\"core\", \"app\")");
    write("app/build.gradle.kts", "plugins { java }");
    write("core/build.gradle", "apply plugin: 'java-library'");
    for (String set : List.of("app/src/main/java", "app/src/test/java", "app/src/integrationTest/java",
        "core/src/main/java", "app/build/classes/java/main", "app/build/classes/java/test",
        "app/build/classes/java/integrationTest")) {
      directory(set);
    }
    Path coreJar = jar(checkout.resolve("core/build/libs/core.jar"), null, "shop/Core.class");

    ProjectModules modules = ProjectModules.discover(checkout.resolve("app"), List.of(
        checkout.resolve("app/build/classes/java/test"), checkout.resolve("app/build/classes/java/integrationTest"),
        checkout.resolve("app/build/classes/java/main"), coreJar));

    assertThat(modules.defaultRoots()).containsExactly(checkout.resolve("app/src/main/java"),
        checkout.resolve("app/src/test/java"), checkout.resolve("app/src/integrationTest/java"),
        checkout.resolve("core/src/main/java"));
    assertThat(modules.classLocationOf(checkout.resolve("app/src/main/java")))
        .contains(checkout.resolve("app/build/classes/java/main"));
    assertThat(modules.classLocationOf(checkout.resolve("core/src/main/java"))).contains(coreJar);
    assertThat(modules.moduleOf(checkout.resolve("core/src/main/java"))).contains("core");
    assertThat(modules.projectDirectory()).as("the directory of settings.gradle.kts").isEqualTo(checkout);
  }

  @Test
  void classDirectoriesOutsideAnyModuleOrBuildLayout_areListedAsNotWatchedWithTheReason() throws Exception {
    mavenReactor();
    Path loose = Files.createDirectories(checkout.getParent().resolve(checkout.getFileName() + "-loose/classes"));
    Path odd = directory("core/lib/classes");
    write("core/target/test-classes/io/github/reloadloop/core/AutoReloader.class", "");
    Path own = checkout.resolve("core/target/test-classes");

    ProjectModules modules = ProjectModules.discover(checkout.resolve("app"), List.of(
        checkout.resolve("app/target/classes"), checkout.resolve("core/target/classes"), loose, odd, own));
    Map<Path, String> notWatched = modules.notWatched(List.of(checkout.resolve("app/src/main/java")));

    assertThat(notWatched).containsOnlyKeys(checkout.resolve("core/target/classes"), loose, odd, own);
    assertThat(notWatched.get(checkout.resolve("core/target/classes")))
        .isEqualTo("module core: its sources " + checkout.resolve("core/src/main/java")
            + " are not among the watched source roots");
    assertThat(notWatched.get(loose)).startsWith("outside any Maven or Gradle module");
    assertThat(notWatched.get(odd)).startsWith("in module core but not one of its build's class directories");
    assertThat(notWatched.get(own)).isEqualTo(ProjectModules.OWN);
  }

  @Test
  void multiReleaseLayer_belongsToItsJavaNSources_orToNothingWhenThereAreNone() throws Exception {
    mavenReactor();
    directory("core/src/main/java11/shop");
    Path layer11 = directory("core/target/classes/META-INF/versions/11");
    Path layer17 = directory("core/target/classes/META-INF/versions/17");

    ProjectModules modules = ProjectModules.discover(checkout.resolve("app"), List.of(layer11, layer17));

    assertThat(modules.classLocationOf(checkout.resolve("core/src/main/java11"))).contains(layer11);
    assertThat(modules.defaultRoots()).doesNotContain(checkout.resolve("core/src/main/java17"));
    assertThat(modules.notWatched(modules.defaultRoots())).isEmpty();
  }

  @Test
  void nestedModules_eachRootBelongsToTheInnermostModule() throws Exception {
    write("pom.xml", pom("outer", "inner"));
    write("inner/pom.xml", pom("inner"));
    directory("src/main/java");
    directory("inner/src/main/java");

    ProjectModules modules = ProjectModules.discover(checkout.resolve("inner"), List.of());

    assertThat(modules.moduleOf(checkout.resolve("inner/src/main/java"))).contains("inner");
    assertThat(modules.moduleOf(checkout.resolve("src/main/java"))).contains("outer");
    assertThat(modules.moduleOf(checkout.resolve("inner/src/main/java/shop"))).contains("inner");
    assertThat(modules.projectDirectory()).isEqualTo(checkout);
  }

  @Test
  void customSourceDirectories_fromThePom() throws Exception {
    write("pom.xml", "<project><artifactId>legacy</artifactId><build><sourceDirectory>src/java</sourceDirectory>"
        + "<testSourceDirectory>${project.basedir}/test</testSourceDirectory></build></project>");
    directory("src/java");
    directory("test");
    directory("target/classes");

    ProjectModules modules = ProjectModules.discover(checkout, List.of(checkout.resolve("target/classes")));

    assertThat(modules.defaultRoots()).containsExactly(checkout.resolve("src/java"), checkout.resolve("test"));
    assertThat(modules.classLocationOf(checkout.resolve("src/java"))).contains(checkout.resolve("target/classes"));
  }

  @Test
  void noModuleAround_onlyTheClassPathIsRead() throws Exception {
    Path classes = directory("classes");

    ProjectModules modules = ProjectModules.discover(checkout, List.of(classes));

    assertThat(modules.defaultRoots()).isEmpty();
    assertThat(modules.projectDirectory()).isNull();
    assertThat(modules.moduleOf(checkout)).isEqualTo(Optional.empty());
  }
}
