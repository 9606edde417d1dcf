package io.github.reloadloop.junit.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-dependency graph over real class files compiled by javac. */
class ClassGraphTests {

  @TempDir Path directory;
  Path classes;

  @BeforeEach
  void compileProject() throws Exception {
    source("shop/Ledger.java", "package shop; public class Ledger { Entry last; public int total() { return Rules.round(1); } }");
    source("shop/Entry.java", "package shop; public record Entry(int amount) {}");
    source("shop/Rules.java", "package shop; final class Rules { static int round(int v) { return v; } }");
    source("shop/Report.java", """
        package shop;
        public class Report {
          java.util.List<Ledger> ledgers;
          @Marker String title() { return "report"; }
        }
        """);
    source("shop/Marker.java", "package shop; @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
        + " public @interface Marker {}");
    source("shop/Plugins.java", """
        package shop;
        public class Plugins {
          static Object load(String name) throws Exception {
            return Class.forName(name).getDeclaredConstructor().newInstance();
          }
        }
        """);
    source("shop/Scanned.java", "package shop; @org.springframework.stereotype.Component public class Scanned {}");
    source("org/springframework/stereotype/Component.java",
        "package org.springframework.stereotype; public @interface Component {}");
    source("shop/LedgerTest.java", "package shop; class LedgerTest { void adds() { new Ledger().total(); } }");
    source("shop/ReportTest.java", "package shop; class ReportTest { Report report; }");
    source("shop/PluginTest.java", "package shop; class PluginTest { void loads() throws Exception { Plugins.load(\"x\"); } }");
    source("shop/StandaloneTest.java", "package shop; class StandaloneTest { int two() { return 1 + 1; } }");
    source("shop/ScannedTest.java", "package shop; class ScannedTest { Scanned bean; }");
    classes = Files.createDirectories(directory.resolve("classes"));
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
    try (Stream<Path> files = Files.walk(directory.resolve("src"))) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> arguments.add(p.toString()));
    }
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new))).isZero();
  }

  private void source(String path, String text) throws Exception {
    Path file = directory.resolve("src").resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private ClassGraph graph() {
    return new ClassGraph(List.of(classes), name -> name.startsWith("org.springframework."));
  }

  @Test
  void nearest_breadthFirstFromTheRoot_cutAtTheLimit() {
    // ReportTest -> Report -> Ledger, Marker -> Entry, Rules: the root first, then its references, then theirs.
    List<String> all = graph().nearest("shop.ReportTest", 10);

    assertThat(all).startsWith("shop.ReportTest", "shop.Report").containsOnlyOnce("shop.Ledger")
        .contains("shop.Marker", "shop.Entry", "shop.Rules").doesNotContain("shop.Plugins", "shop.StandaloneTest");
    assertThat(all.indexOf("shop.Ledger")).isLessThan(all.indexOf("shop.Entry"));
    assertThat(all.indexOf("shop.Ledger")).isLessThan(all.indexOf("shop.Rules"));
    assertThat(graph().nearest("shop.ReportTest", 2)).containsExactly("shop.ReportTest", "shop.Report");
  }

  @Test
  void nearest_classNotOfTheProject_nothing() {
    assertThat(graph().nearest("java.lang.String", 10)).isEmpty();
  }

  @Test
  void reach_followsReferencesTransitively_fieldTypesGenericsAndAnnotationsIncluded() {
    ClassGraph.Reach reach = graph().reach(List.of("shop.ReportTest"));

    assertThat(reach.classes()).contains("shop.ReportTest", "shop.Report", "shop.Ledger", "shop.Entry",
        "shop.Rules", "shop.Marker").doesNotContain("shop.Plugins", "shop.StandaloneTest");
    assertThat(reach.reflectiveVia()).isEmpty();
    assertThat(reach.reachesAny(Set.of("shop.Rules"))).isTrue();
  }

  @Test
  void testThatReachesNoChangedClass_doesNotReachIt() {
    ClassGraph.Reach reach = graph().reach(List.of("shop.StandaloneTest"));

    assertThat(reach.classes()).containsExactly("shop.StandaloneTest");
    assertThat(reach.reachesAny(Set.of("shop.Ledger"))).isFalse();
  }

  @Test
  void lookupByName_reachesEveryClass_andSaysThroughWhich() {
    ClassGraph.Reach reach = graph().reach(List.of("shop.PluginTest"));

    assertThat(reach.reflectiveVia()).contains("shop.Plugins");
    assertThat(reach.reachesAny(Set.of("shop.Ledger"))).isTrue();
    assertThat(reach.reached(List.of("shop.Ledger", "shop.Entry"))).containsExactly("shop.Ledger", "shop.Entry");
  }

  @Test
  void classPathScanningFramework_reachesEveryClass_libraryClassesAreNotTheProjects() {
    ClassGraph graph = graph();
    ClassGraph.Reach reach = graph.reach(List.of("shop.ScannedTest"));

    assertThat(reach.reflectiveVia()).contains("shop.Scanned");
    assertThat(graph.isProjectClass("org.springframework.stereotype.Component")).isFalse();
    assertThat(graph.isProjectClass("java.lang.String")).isFalse();
  }

  @Test
  void changedClassReadAgainFromANewerDirectoryFirst() throws Exception {
    Path overlay = Files.createDirectories(directory.resolve("overlay/shop"));
    ClassGraph graph = new ClassGraph(List.of(directory.resolve("overlay"), classes), name -> false);
    assertThat(graph.reach(List.of("shop.StandaloneTest")).reachesAny(Set.of("shop.Ledger"))).isFalse();

    // The new StandaloneTest uses Ledger: its class file goes to the overlay, as the reloader's do.
    source("shop/StandaloneTest.java", "package shop; class StandaloneTest { Ledger ledger; }");
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", directory.resolve("overlay").toString(),
        "-cp", classes.toString(), directory.resolve("src/shop/StandaloneTest.java").toString())).isZero();
    assertThat(overlay.resolve("StandaloneTest.class")).exists();
    graph.changed(List.of("shop.StandaloneTest"));

    assertThat(graph.reach(List.of("shop.StandaloneTest")).reachesAny(Set.of("shop.Ledger"))).isTrue();
  }

  /** A sibling module run from its installed jar: its classes are the project's, read from the jar. */
  @Test
  void classesInASiblingModulesJar_followedLikeDirectories_andAChangedOneReadFromItsOverlay() throws Exception {
    Path core = directory.resolve("core-1.0.jar");
    Path tests = Files.createDirectories(directory.resolve("tests/shop"));
    try (OutputStream out = Files.newOutputStream(core); ZipOutputStream jar = new ZipOutputStream(out);
        Stream<Path> files = Files.list(classes.resolve("shop"))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith("Test.class")) {
          Files.copy(file, tests.resolve(name));
        } else {
          jar.putNextEntry(new ZipEntry("shop/" + name));
          jar.write(Files.readAllBytes(file));
        }
      }
    }
    Path overlay = directory.resolve("overlay");
    ClassGraph graph = new ClassGraph(List.of(tests.getParent(), overlay, core), name -> false);

    assertThat(graph.reach(List.of("shop.LedgerTest")).classes()).contains("shop.Ledger", "shop.Rules", "shop.Entry");
    assertThat(graph.isProjectClass("shop.Report")).isTrue();
    assertThat(graph.reach(List.of("shop.Rules")).reachesAny(Set.of("shop.Report"))).isFalse();

    // A reload changes Rules to use Report: the reloader writes the class file to the jar's overlay.
    source("shop/Rules.java", "package shop; final class Rules { static Report report; static int round(int v) { return v; } }");
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", overlay.toString(), "-cp",
        core.toString(), directory.resolve("src/shop/Rules.java").toString())).isZero();
    graph.changed(List.of("shop.Rules"));

    assertThat(graph.reach(List.of("shop.LedgerTest")).reachesAny(Set.of("shop.Report"))).isTrue();
  }
}
