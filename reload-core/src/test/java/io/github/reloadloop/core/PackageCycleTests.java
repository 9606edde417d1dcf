package io.github.reloadloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.FixtureCompiler;
import io.github.reloadloop.core.support.PackageCycles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reload-core's packages point one way: none depends, directly or through others, on one that depends on it. */
class PackageCycleTests {

  @TempDir
  Path directory;

  @Test
  void reloadCore_packages_noCycle() {
    PackageCycles.assertOneWay(AutoReloader.class, "io.github.reloadloop.core", "io.github.reloadloop.core",
        "io.github.reloadloop.core.api", "io.github.reloadloop.core.internal.watch",
        "io.github.reloadloop.core.internal.compile", "io.github.reloadloop.core.internal.redefine",
        "io.github.reloadloop.core.internal.inplace");
  }

  @Test
  void twoPackagesUsingEachOther_cycles_foundWithoutTheOneThatOnlyUsesThem() throws Exception {
    Path sources = directory.resolve("src");
    write(sources, "fixture/a/A.java", "package fixture.a;\npublic class A { fixture.b.B b; }\n");
    write(sources, "fixture/b/B.java", "package fixture.b;\npublic class B { fixture.a.A a; }\n");
    write(sources, "fixture/c/C.java", "package fixture.c;\npublic class C { fixture.a.A a; }\n");
    Path classes = directory.resolve("classes");
    FixtureCompiler.compileTree(CompilerKind.JAVAC, sources, classes);

    assertThat(PackageCycles.cycles(PackageCycles.dependencies(classes, "fixture")))
        .containsExactly(Set.of("fixture.a", "fixture.b"));
  }

  private static void write(Path root, String file, String text) throws Exception {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }
}
