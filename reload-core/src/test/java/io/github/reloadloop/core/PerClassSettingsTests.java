package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.FixtureCompiler;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patch is compiled as the build compiled the class it replaces: libraries built with {@code --release 8}
 * (accessors instead of nestmates), multi-release layers, tests built for another release than main classes,
 * {@code -parameters}. Real javac builds the fixtures, as Maven would.
 */
@Timeout(120)
class PerClassSettingsTests {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path directory;

  /** A library in the style of Java 8 code: every construct whose synthetic members differ between 8 and 11+. */
  private static final Map<String, String> LIBRARY = Map.of(
      "lib/Text.java", """
          package lib;
          import java.util.function.Supplier;
          public class Text {
            private final String value;
            private int reads;
            public Text(String value) { this.value = value; }
            public class Reader { public String read() { reads++; return value + "-V"; } }
            public Reader reader() { return new Reader(); }
            public String lazy() { Supplier<String> s = () -> value + "-lambda-V"; return s.get(); }
            public String anonymous() {
              return new Object() { @Override public String toString() { return value + "-anon-V"; } }.toString();
            }
            private static String secret() { return "secret-V"; }
            public static class Nested { public String tell() { return secret(); } }
          }
          """,
      "lib/Kind.java", """
          package lib;
          public enum Kind { PLAIN, FANCY; public String label() { return name().toLowerCase() + "-V"; } }
          """,
      "lib/Switcher.java", """
          package lib;
          public class Switcher {
            public String pick(Kind kind) {
              switch (kind) {
                case PLAIN: return "plain-V";
                default: return "fancy-V";
              }
            }
          }
          """);

  private static String version(String source, String version) {
    return source.replace("-V\"", "-" + version + "\"");
  }

  @Test
  void libraryBuiltForRelease8_bodyEditInEachClass_redefinedInPlaceNeverRefused() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      LIBRARY.forEach((file, source) -> project.write(file, version(source, "1")));
      FixtureCompiler.compileTree(CompilerKind.JAVAC, project.root, project.out, "8");
      assertThat(Files.readAllBytes(project.out.resolve("lib/Text.class"))[7]).as("major version").isEqualTo((byte) 52);
      Object text = project.load("lib.Text").getConstructor(String.class).newInstance("t");
      Object reader = call(text, "reader");
      Object nested = project.load("lib.Text$Nested").getConstructor().newInstance();
      Class<?> kind = project.load("lib.Kind");
      Object fancy = kind.getEnumConstants()[1];
      Object switcher = project.load("lib.Switcher").getConstructor().newInstance();
      assertThat(call(switcher, "pick", fancy)).isEqualTo("fancy-1");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        for (String file : List.of("lib/Text.java", "lib/Kind.java", "lib/Switcher.java")) {
          project.write(file, version(LIBRARY.get(file), "2"));
          assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
          assertThat(events.refused).as("after saving %s: %s", file, events).isEmpty();
        }

        assertThat(call(reader, "read")).isEqualTo("t-2");
        assertThat(call(text, "lazy")).isEqualTo("t-lambda-2");
        assertThat(call(text, "anonymous")).isEqualTo("t-anon-2");
        assertThat(call(nested, "tell")).isEqualTo("secret-2");
        assertThat(call(fancy, "label")).isEqualTo("fancy-2");
        assertThat(call(switcher, "pick", fancy)).isEqualTo("fancy-2");
        assertThat(events.redefined).contains("lib.Text", "lib.Text$Reader", "lib.Kind", "lib.Switcher");
        assertThat(reloader.status().releases()).containsEntry(project.root, 8);
        assertThat(reloader.status().upToDate()).isTrue();
      }
    }
  }

  @Test
  void release8Library_newClass_compiledForTheRootsRelease() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      LIBRARY.forEach((file, source) -> project.write(file, version(source, "1")));
      FixtureCompiler.compileTree(CompilerKind.JAVAC, project.root, project.out, "8");
      project.load("lib.Text");

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        project.write("lib/Added.java", "package lib;\npublic class Added {}\n");
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        Path overlay = reloader.status().overlayDirectories().get(project.out);
        assertThat(Files.readAllBytes(overlay.resolve("lib/Added.class"))[7]).as("major version")
            .isEqualTo((byte) 52);
      }
    }
  }

  @Test
  void classBuiltWithParameterNames_bodyEdit_namesKept() throws Exception {
    String source = "package named;\npublic class Account {\n"
        + "  public int deposit(int amount) { return amount + V; }\n}\n";
    try (SampleProject project = new SampleProject(directory)) {
      project.write("named/Account.java", source.replace("V", "1"));
      FixtureCompiler.compileTree(CompilerKind.JAVAC, project.root, project.out, "11", List.of("-parameters"));
      Class<?> account = project.load("named.Account");
      Method deposit = account.getMethod("deposit", int.class);
      assertThat(deposit.getParameters()[0].getName()).isEqualTo("amount");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("named/Account.java", source.replace("V", "2"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(account.getConstructor().newInstance(), "deposit", 5)).as("%s", events).isEqualTo(7);
        assertThat(account.getMethod("deposit", int.class).getParameters()[0].getName()).isEqualTo("amount");
      }
    }
  }

  /**
   * A class built with {@code --enable-preview} gets a patch built with it too: the patch's class file is marked
   * as using preview features (minor version 0xFFFF), and it compiles at all only with the flag. The class is
   * not loaded (this JVM runs without {@code --enable-preview}): the patch goes to the overlay, which a fresh
   * class loader of a JVM run with the flag reads.
   */
  @Test
  void classBuiltWithPreviewFeatures_edit_patchBuiltWithThemToo() throws Exception {
    int feature = Runtime.version().feature();
    // A language feature in preview on this JDK: pattern matching for switch (17 to 20), primitive patterns (23 on).
    String body = feature <= 20 ? "return switch (o) { case String s -> @; default -> 0; };"
        : "return o instanceof Long n && n.longValue() instanceof int i ? i * @ : 0;";
    Assumptions.assumeTrue(feature <= 20 || feature >= 23, "no preview language feature known for this JDK");
    String source = "package preview;\npublic class Feature {\n  public static int level(Object o) {\n    " + body
        + "\n  }\n}\n";
    try (SampleProject project = new SampleProject(directory)) {
      project.write("preview/Feature.java", source.replace("@", "1"));
      FixtureCompiler.compileTree(CompilerKind.JAVAC, project.root, project.out, Integer.toString(feature),
          List.of("--enable-preview"));
      assertThat(minorVersion(project.out.resolve("preview/Feature.class"))).as("the build's").isEqualTo(0xFFFF);
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("preview/Feature.java", source.replace("@", "2"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        Path patch = reloader.status().overlayDirectories().get(project.out).resolve("preview/Feature.class");
        assertThat(patch).as("%s", events).isRegularFile();
        assertThat(minorVersion(patch)).as("the patch's").isEqualTo(0xFFFF);
      }
    }
  }

  private static int minorVersion(Path classFile) throws java.io.IOException {
    byte[] bytes = Files.readAllBytes(classFile);
    return (bytes[4] & 0xFF) << 8 | bytes[5] & 0xFF;
  }

  @Test
  void multiReleaseLayer_edits_eachCompiledForItsLayerAndRedefinedOnlyWhereLoadedFrom() throws Exception {
    String platform = "package mr;\npublic class Platform {\n  public static String name() { return \"V\"; }\n}\n";
    String base = "package mr;\npublic class Base {\n  public static String name() { return \"V\"; }\n}\n";
    try (SampleProject project = new SampleProject(directory)) {
      project.write("mr/Platform.java", platform.replace("V", "base-1"));
      project.write("mr/Base.java", base.replace("V", "base-1"));
      Path java11 = Files.createDirectories(directory.resolve("src/main/java11"));
      Files.createDirectories(java11.resolve("mr"));
      Files.writeString(java11.resolve("mr/Platform.java"), platform.replace("V", "layer-1"));
      FixtureCompiler.compileTree(CompilerKind.JAVAC, project.root, project.out, "8");
      Path layer = project.out.resolve("META-INF/versions/11");
      FixtureCompiler.compileTree(CompilerKind.JAVAC, java11, layer, "11", List.of("-cp", project.out.toString()));
      RecordingListener events = new RecordingListener();

      // As a multi-release jar is read on Java 11+: the layer first, then the base classes.
      try (URLClassLoader loader = new URLClassLoader(new URL[] {layer.toUri().toURL(), project.out.toUri().toURL()},
          getClass().getClassLoader());
          AutoReloader reloader = project.reloader(events).sourceRoots(java11).start()) {
        Class<?> platformClass = Class.forName("mr.Platform", true, loader);
        Class<?> baseClass = Class.forName("mr.Base", true, loader);
        assertThat(call(platformClass, "name")).isEqualTo("layer-1");
        assertThat(reloader.status().outputDirectories()).containsEntry(java11, layer);
        assertThat(reloader.status().releases()).containsEntry(project.root, 8).containsEntry(java11, 11);

        Files.writeString(java11.resolve("mr/Platform.java"), platform.replace("V", "layer-2"));
        project.write("mr/Base.java", base.replace("V", "base-2"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(platformClass, "name")).as("%s", events).isEqualTo("layer-2");
        assertThat(call(baseClass, "name")).isEqualTo("base-2");
        Path layerOverlay = reloader.status().overlayDirectories().get(layer);
        assertThat(Files.readAllBytes(layerOverlay.resolve("mr/Platform.class"))[7]).isEqualTo((byte) 55);

        project.write("mr/Platform.java", platform.replace("V", "base-3"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(platformClass, "name")).as("the base version is not the one loaded").isEqualTo("layer-2");
        assertThat(events.refused).isEmpty();
        assertThat(events.problems).isEmpty();
      }
    }
  }

  @Test
  void testsBuiltForAnotherRelease_testAndNewMainClassSavedTogether_compiledInGroupsAndRedefined() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("grouped/Main.java", "package grouped;\npublic class Main {}\n");
      FixtureCompiler.compileTree(CompilerKind.JAVAC, project.root, project.out, "8");
      Path tests = Files.createDirectories(directory.resolve("src/test/java/grouped"));
      Path testClasses = Files.createDirectories(directory.resolve("target/test-classes"));
      String check = "package grouped;\npublic class Check {\n  public static String run() { return BODY; }\n}\n";
      Files.writeString(tests.resolve("Check.java"), check.replace("BODY", "\"old\""));
      FixtureCompiler.compileTree(CompilerKind.JAVAC, tests.getParent(), testClasses, "11",
          List.of("-cp", project.out.toString()));
      RecordingListener events = new RecordingListener();

      try (URLClassLoader loader = new URLClassLoader(
          new URL[] {testClasses.toUri().toURL(), project.out.toUri().toURL()}, getClass().getClassLoader());
          AutoReloader reloader = project.reloader(events).sourceRoots(tests.getParent()).start()) {
        Class<?> checkClass = Class.forName("grouped.Check", true, loader);
        Class.forName("grouped.Main", true, loader);

        project.write("grouped/Helper.java", "package grouped;\npublic class Helper {\n"
            + "  public static String help() { return \"helped\"; }\n}\n");
        Files.writeString(tests.resolve("Check.java"), check.replace("BODY", "Helper.help()"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.problems).isEmpty();
        assertThat(call(checkClass, "run")).as("%s", events).isEqualTo("helped");
        assertThat(reloader.status().releases()).containsEntry(project.root, 8)
            .containsEntry(tests.getParent(), 11);
      }
    }
  }
}
