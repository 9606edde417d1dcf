package io.github.reloadloop.junit.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.api.ReloadStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootLinesTests {

  @TempDir Path checkout;

  @Test
  void eachRootWithItsModule_siblingsRelativeToTheModule_thenWhatIsNotWatchedAndWhy() throws Exception {
    Files.writeString(checkout.resolve("pom.xml"), "<project/>"); // The reactor root: siblings show relative.
    Path app = checkout.resolve("app");
    Path coreRoot = checkout.resolve("core/src/main/java");
    Path coreJar = Files.createDirectories(checkout.resolve("m2")).resolve("core-1.0.jar");
    Files.writeString(coreJar, "");
    Path loose = Path.of("/opt/classes");
    Map<Path, String> notWatched = new LinkedHashMap<>();
    notWatched.put(loose, "outside any Maven or Gradle module");
    notWatched.put(checkout.resolve("tools/target/classes"), "module tools: its sources are not watched");
    ReloadStatus status = new ReloadStatus(List.of(app.resolve("src/main/java"), coreRoot),
        Map.of(coreRoot, coreJar), Map.of(), Map.of(app.resolve("src/main/java"), 17, coreRoot, 11), "auto: javac",
        "dynamic attach", false, List.of(), 0, List.of(), Map.of(), List.of(),
        Map.of(app.resolve("src/main/java"), "app", coreRoot, "core"), notWatched, List.of(), Map.of());

    assertThat(RootLines.of(status, app)).containsExactly(
        "source roots:   src/main/java (module app, release 17)",
        "                ../core/src/main/java (module core, release 11, classes from ../m2/core-1.0.jar)",
        "not watched:    /opt/classes: outside any Maven or Gradle module",
        "                ../tools/target/classes: module tools: its sources are not watched");
  }

  @Test
  void rootOutsideAnyModule_saysSo_andNothingUnwatched_noSecondHeading() {
    Path root = checkout.resolve("src");
    ReloadStatus status = new ReloadStatus(List.of(root), Map.of(), Map.of(), Map.of(), "javac", "dynamic attach",
        false, List.of(), 0, List.of(), Map.of(), List.of(), Map.of(), Map.of(), List.of(), Map.of());

    assertThat(RootLines.of(status, Path.of("/elsewhere/module")))
        .containsExactly("source roots:   " + root + " (no module)");
  }
}
