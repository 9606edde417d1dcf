package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static io.github.reloadloop.core.support.SampleProject.staticField;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real sources, built by a real compiler, loaded by a class loader, then edited and redefined in this JVM. */
@Timeout(60)
class AutoReloaderRedefinitionTests {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path directory;

  /** Lambdas, an inner, an anonymous and a nested static class, a switch on an enum: every synthetic kind. */
  private static String greeter(String pkg, String version) {
    return """
        package PKG;
        import java.util.List;
        import java.util.function.Supplier;
        public class Greeter {
          public enum Mood { HAPPY, GRUMPY }
          public static class Nested { public String say() { return "nested-V"; } }
          public class Inner { public String say() { return "inner-V " + name; } }
          private final String name;
          public Greeter(String name) { this.name = name; }
          public String greet() {
            Supplier<String> s = () -> "hello-V " + name;
            return s.get();
          }
          public String mood(Mood mood) {
            switch (mood) {
              case HAPPY: return "happy-V";
              default: return "grumpy-V";
            }
          }
          public String anonymous() {
            Supplier<String> s = new Supplier<>() { public String get() { return "anon-V"; } };
            return s.get();
          }
          public String stream() {
            return List.of("a", "b").stream().map(x -> x + "-V").reduce("", String::concat);
          }
          public Inner inner() { return new Inner(); }
          public static Nested nested() { return new Nested(); }
        }
        """.replace("PKG", pkg).replace("V", version);
  }

  private void assertGreeterRuns(Object greeter, Object inner, Object nested, Class<?> mood, String version) {
    Object happy = mood.getEnumConstants()[0];
    assertThat(call(greeter, "greet")).isEqualTo("hello-" + version + " ann");
    assertThat(call(greeter, "mood", happy)).isEqualTo("happy-" + version);
    assertThat(call(greeter, "anonymous")).isEqualTo("anon-" + version);
    assertThat(call(greeter, "stream")).isEqualTo("a-" + version + "b-" + version);
    assertThat(call(inner, "say")).isEqualTo("inner-" + version + " ann");
    assertThat(call(nested, "say")).isEqualTo("nested-" + version);
  }

  private void bodyOnlyEdit_isRedefinedInPlace(CompilerKind builtWith, String pkg, String expectedCompiler)
      throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      String file = pkg + "/Greeter.java";
      project.write(file, greeter(pkg, "1"));
      project.build(builtWith);
      Class<?> type = project.load(pkg + ".Greeter");
      Object greeter = type.getConstructor(String.class).newInstance("ann");
      Object inner = call(greeter, "inner");
      Object nested = call(type, "nested");
      Class<?> mood = project.load(pkg + ".Greeter$Mood");
      assertGreeterRuns(greeter, inner, nested, mood, "1");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write(file, greeter(pkg, "2"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(project.load(pkg + ".Greeter")).isSameAs(type);
        assertGreeterRuns(greeter, inner, nested, mood, "2");
        assertThat(events.refused).as("%s", events).isEmpty();
        assertThat(events.results).last().satisfies(r -> {
          assertThat(r.compiler()).isEqualTo(expectedCompiler);
          assertThat(r.redefinedClasses()).contains(pkg + ".Greeter", pkg + ".Greeter$Inner",
              pkg + ".Greeter$Nested", pkg + ".Greeter$1");
          assertThat(r.problems()).isEmpty();
        });
        assertThat(reloader.status().upToDate()).isTrue();
        assertThat(reloader.status().reloadedClasses()).contains(pkg + ".Greeter");
      }
    }
  }

  @Test
  void javacBuiltClasses_bodyOnlyEdit_redefinedWithJavac() throws Exception {
    bodyOnlyEdit_isRedefinedInPlace(CompilerKind.JAVAC, "javacbuilt", "javac");
  }

  @Test
  void ecjBuiltClasses_bodyOnlyEdit_redefinedWithEcjChosenByFingerprint() throws Exception {
    bodyOnlyEdit_isRedefinedInPlace(CompilerKind.ECJ, "ecjbuilt", "ecj");
  }

  @ParameterizedTest
  @EnumSource(CompilerKind.class)
  void builtForRunningRelease_bodyOnlyEdit_redefinedWithSameCompiler(CompilerKind kind) throws Exception {
    String pkg = "current" + kind.name().toLowerCase();
    try (SampleProject project = new SampleProject(directory)) {
      String file = pkg + "/Greeter.java";
      project.write(file, greeter(pkg, "1"));
      project.buildForRunningRelease(kind);
      Class<?> type = project.load(pkg + ".Greeter");
      Object greeter = type.getConstructor(String.class).newInstance("ann");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write(file, greeter(pkg, "2"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(greeter, "greet")).as("%s", events).isEqualTo("hello-2 ann");
        assertThat(events.results).last().extracting(ReloadResult::compiler)
            .isEqualTo(kind.name().toLowerCase());
      }
    }
  }

  @Test
  void ecjBuiltEnumWithoutFingerprint_bodyOnlyEdit_retriedWithEcjAndRedefined() throws Exception {
    // An enum shows neither compiler's lambda or switch names, so auto starts with javac; javac's extra
    // $values() method makes the JVM refuse its patch, and the retry with ecj is redefined.
    String enumSource = "package retry;\npublic enum Colour { RED, GREEN;\n"
        + "  public String label() { return name().toLowerCase() + \"-V\"; }\n}\n";
    try (SampleProject project = new SampleProject(directory)) {
      project.write("retry/Colour.java", enumSource.replace("V", "1"));
      project.build(CompilerKind.ECJ);
      Class<?> colour = project.load("retry.Colour");
      Object red = colour.getEnumConstants()[0];
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("retry/Colour.java", enumSource.replace("V", "2"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(red, "label")).isEqualTo("red-2");
        assertThat(events.refused).as("%s", events).isEmpty();
        assertThat(events.results).last().extracting(ReloadResult::compiler).isEqualTo("ecj");
        assertThat(reloader.status().compiler()).isEqualTo("auto: ecj");
      }
    }
  }

  @Test
  void newClassUsedFromEditedMethod_savedTogether_definedInTheLoaderAndWrittenToTheOverlayOnly() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("added/User.java", "package added;\npublic class User {\n"
          + "  public static String run() { return \"alone\"; }\n}\n");
      project.build(CompilerKind.JAVAC);
      Class<?> user = project.load("added.User");
      assertThat(call(user, "run")).isEqualTo("alone");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("added/Helper.java", "package added;\npublic class Helper {\n"
            + "  public String help() { return \"helped\"; }\n}\n");
        project.write("added/User.java", "package added;\npublic class User {\n"
            + "  public static String run() { return new Helper().help(); }\n}\n");
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(user, "run")).isEqualTo("helped");
        assertThat(project.load("added.Helper").getClassLoader()).isSameAs(user.getClassLoader());
        assertThat(events.results).flatMap(ReloadResult::addedClasses).contains("added.Helper");
        Path overlay = reloader.status().overlayDirectories().get(project.out);
        assertThat(overlay.resolve("added/Helper.class")).isRegularFile();
        assertThat(overlay.resolve("added/User.class")).isRegularFile();
        assertThat(project.out.resolve("added/Helper.class")).doesNotExist();
      }
    }
  }

  @Test
  void newClassAndItsCallerSaved50Times_callerRunningMeanwhile_neverNoClassDefFound() throws Exception {
    String calc = "package racing;\npublic class Calc {\n  public static String value() { return BODY; }\n}\n";
    try (SampleProject project = new SampleProject(directory)) {
      project.write("racing/Calc.java", calc.replace("BODY", "\"start\""));
      project.build(CompilerKind.JAVAC);
      Class<?> type = project.load("racing.Calc");
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread caller = new Thread(() -> {
        while (running.get() && failure.get() == null) {
          try {
            call(type, "value");
          } catch (Throwable t) {
            failure.set(t);
          }
          LockSupport.parkNanos(1_000_000); // a program calling it every millisecond, as in the report
        }
      }, "calc-caller");
      caller.start();
      RecordingListener events = new RecordingListener();
      try (AutoReloader reloader = project.reloader(events).start()) {
        for (int i = 1; i <= 50 && failure.get() == null; i++) {
          project.write("racing/New" + i + ".java", "package racing;\npublic class New" + i + " {\n"
              + "  public static String hello() { return \"new" + i + "\"; }\n}\n");
          project.write("racing/Calc.java", calc.replace("BODY", "New" + i + ".hello()"));
          assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

          // On failure, the batches so far tell whether the save was missed, split or failed to compile.
          assertThat(call(type, "value")).as("try %d; the caller saw %s; batches %s; compiled %s; problems %s", i,
              failure.get(), events.changes, events.compiles, events.problems).isEqualTo("new" + i);
        }
      } finally {
        running.set(false);
        caller.join();
      }
      assertThat(failure.get()).isNull();
    }
  }

  @Test
  void constantChanged_save_dependentThatInlinedItRecompiled() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("consts/Limits.java", "package consts;\npublic class Limits {\n"
          + "  public static final int MAX = 5;\n}\n");
      project.write("consts/Checker.java", "package consts;\npublic class Checker {\n"
          + "  public static int max() { return Limits.MAX; }\n}\n");
      project.build(CompilerKind.JAVAC);
      Class<?> checker = project.load("consts.Checker");
      assertThat(call(checker, "max")).isEqualTo(5);
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("consts/Limits.java", "package consts;\npublic class Limits {\n"
            + "  public static final int MAX = 7;\n}\n");
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(checker, "max")).isEqualTo(7);
        assertThat(events.redefined).contains("consts.Checker");
        assertThat(events.results).last().extracting(ReloadResult::changedFiles).asList()
            .contains(project.file("consts/Checker.java"));
      }
    }
  }

  @Test
  void onReloadMethod_redefinition_runsAfterwardsWhileCurrentlyReloading() throws Exception {
    String hooked = """
        package hooks;
        import io.github.reloadloop.core.AutoReloader;
        import io.github.reloadloop.core.OnReload;
        public class Hooked {
          public static volatile String seen = "never";
          public static String value() { return "V"; }
          @OnReload
          static void reloaded() {
            seen = "reloading=" + AutoReloader.currentlyReloading() + " value=" + value();
          }
        }
        """;
    try (SampleProject project = new SampleProject(directory)) {
      project.write("hooks/Hooked.java", hooked.replace("\"V\"", "\"v1\""));
      project.build(CompilerKind.JAVAC);
      Class<?> type = project.load("hooks.Hooked");
      assertThat(call(type, "value")).isEqualTo("v1");

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        project.write("hooks/Hooked.java", hooked.replace("\"V\"", "\"v2\""));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(staticField(type, "seen")).isEqualTo("reloading=true value=v2");
      }
    }
  }

  @Test
  void onReloadMethodWithParameters_redefinition_warningNamesItsParameterTypes() throws Exception {
    String hooked = "package hooks;\nimport io.github.reloadloop.core.OnReload;\npublic class WithParam {\n"
        + "  public static String value() { return \"V\"; }\n"
        + "  @OnReload static void withParam(String why, int[] counts) {}\n}\n";
    try (SampleProject project = new SampleProject(directory)) {
      project.write("hooks/WithParam.java", hooked.replace("V", "v1"));
      project.build(CompilerKind.JAVAC);
      project.load("hooks.WithParam");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("hooks/WithParam.java", hooked.replace("V", "v2"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.warnings).contains("@OnReload method hooks.WithParam.withParam(String, int[]) was not run:"
            + " it must be static and take no parameters");
      }
    }
  }

  @Test
  void methodAddedInOneClass_save_refusedWhileOtherClassOfBatchSwapped() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("schema/Ledger.java", "package schema;\npublic class Ledger {\n"
          + "  public String total() { return \"t1\"; }\n}\n");
      project.write("schema/Report.java", "package schema;\npublic class Report {\n"
          + "  public String title() { return \"r1\"; }\n}\n");
      project.build(CompilerKind.JAVAC);
      Object ledger = project.load("schema.Ledger").getConstructor().newInstance();
      Object report = project.load("schema.Report").getConstructor().newInstance();
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).debounce(Duration.ofMillis(200)).start()) {
        project.write("schema/Ledger.java", "package schema;\npublic class Ledger {\n"
            + "  public String total() { return \"t2\"; }\n"
            + "  public int x(String why, java.util.List<Ledger> rows) { return 0; }\n}\n");
        project.write("schema/Report.java", "package schema;\npublic class Report {\n"
            + "  public String title() { return \"r2\"; }\n}\n");
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(call(ledger, "total")).isEqualTo("t1");
        assertThat(call(report, "title")).isEqualTo("r2");
        ReloadResult batch = events.results.stream().filter(r -> !r.refused().isEmpty()).findFirst().orElseThrow();
        assertThat(batch.redefinedClasses()).containsExactly("schema.Report");
        RefusedClass refused = batch.refused().get(0);
        assertThat(refused.className()).isEqualTo("schema.Ledger");
        assertThat(refused.changes()).containsExactly("method x(String, List) added");
        assertThat(refused.describe()).contains("this JVM can only swap method bodies");
        assertThat(refused.outputDirectory()).isEqualTo(reloader.status().overlayDirectories().get(project.out));
        assertThat(refused.outputDirectory().resolve("schema/Ledger.class")).isRegularFile();
        assertThat(reloader.status().refused()).containsKey("schema.Ledger");
        assertThat(reloader.status().upToDate()).isFalse();
      }
    }
  }

  @Test
  void savedFile_awaitPendingReloads_returnsWithChangeApplied() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Supplier<String> source = () -> "package await;\npublic class Clock {\n  public static int tick() { return N; }\n}\n";
      project.write("await/Clock.java", source.get().replace("N", "0"));
      project.build(CompilerKind.JAVAC);
      Class<?> clock = project.load("await.Clock");

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        for (int n = 1; n <= 5; n++) {
          project.write("await/Clock.java", source.get().replace("N", Integer.toString(n)));
          assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

          assertThat(call(clock, "tick")).isEqualTo(n);
        }
      }
    }
  }

  @Test
  void explicitReload_noWatcher_reload_applies() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("explicit/Value.java",
          "package explicit;\npublic class Value { public static int get() { return 1; } }\n");
      project.build(CompilerKind.JAVAC);
      Class<?> value = project.load("explicit.Value");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).withoutWatcher().start()) {
        Files.writeString(file, "package explicit;\npublic class Value { public static int get() { return 2; } }\n");
        reloader.reload(file);

        Await.until(() -> "Value redefined; " + events, () -> events.redefined("explicit.Value"));
        assertThat(call(value, "get")).isEqualTo(2);
      }
    }
  }
}
