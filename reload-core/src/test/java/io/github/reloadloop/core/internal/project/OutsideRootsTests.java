package io.github.reloadloop.core.internal.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.support.Trees;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutsideRootsTests {

  @TempDir Path checkout;

  private Path write(String relative, String text) throws IOException {
    return Trees.write(checkout, relative, text);
  }

  @Test
  void sourceRootFor_stripsTheDeclaredPackage_orFallsBackToTheDirectory() throws Exception {
    Path placed = write("core/src/test/java/shop/core/PriceTest.java", "// package wrong;\npackage shop.core;\n");
    Path misplaced = write("scratch/Thing.java", "package shop.core;\nclass Thing {}\n");
    Path none = write("scripts/Tool.java", "class Tool {}\n");
    Path half = write("core/src/main/java/shop/core/Half.java", "packa");

    assertThat(OutsideRoots.sourceRootFor(placed)).isEqualTo(checkout.resolve("core/src/test/java"));
    assertThat(OutsideRoots.sourceRootFor(misplaced)).isEqualTo(checkout.resolve("scratch"));
    assertThat(OutsideRoots.sourceRootFor(none)).isEqualTo(checkout.resolve("scripts"));
    assertThat(OutsideRoots.sourceRootFor(half)).as("Maven's and Gradle's convention")
        .isEqualTo(checkout.resolve("core/src/main/java"));
  }

  @Test
  void isPruned_buildOutputNextToABuildFile_hiddenAndNodeModules() throws Exception {
    write("core/pom.xml", "<project><artifactId>core</artifactId></project>");

    assertThat(OutsideRoots.isPruned(checkout.resolve("core/target"))).isTrue();
    assertThat(OutsideRoots.isPruned(checkout.resolve("core/src/main/java/acme/build"))).isFalse();
    assertThat(OutsideRoots.isPruned(checkout.resolve(".git"))).isTrue();
    assertThat(OutsideRoots.isPruned(checkout.resolve("web/node_modules"))).isTrue();
    assertThat(OutsideRoots.isPruned(checkout.resolve("core/src"))).isFalse();
  }
}
