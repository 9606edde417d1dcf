package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.internal.redefine.AgentLoader;
import io.github.reloadloop.core.processors.ProcessorFixtures;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reloader does ahead of the first save takes the CPU only while the program says it is idle: the
 * compiler's warm-up, and reading the classes a fix is expected to touch as the JVM runs them.
 */
@Timeout(60)
class AutoReloaderWarmUpTests {

  @TempDir
  Path directory;

  private static String counter(int value) {
    return "package warm;\npublic class Counter {\n  public static int value() { return " + value + "; }\n}\n";
  }

  @Test
  void programBusy_keepWarm_noRoundUntilIdleAgain() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("warm/Counter.java", counter(1));
      project.build(CompilerKind.JAVAC);
      Class<?> counter = project.load("warm.Counter");

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        reloader.idle(false);
        // A reload proves the first warm-up compiles are over: from then on only the idle state holds it back.
        project.write("warm/Counter.java", counter(2));
        reloader.reload(file);
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();
        assertThat(call(counter, "value")).isEqualTo(2);
        // Two looks after the pause that follows a batch: the warm-up saw it could go on but for the program.
        int looked = reloader.warmUpLooks();
        Await.until("the warm-up to look twice more", () -> reloader.warmUpLooks() >= looked + 2
            || reloader.keepWarmStarts() > 0);

        assertThat(reloader.keepWarmStarts()).as("warm-up compiles begun while the program is busy").isZero();

        reloader.idle(true);
        Await.until("a warm-up compile to begin once idle", () -> reloader.keepWarmStarts() > 0);
      }
    }
  }

  @Test
  void saveWhileTheFirstWarmUpCompiles_isReloadedWithoutWaitingForIt() throws Exception {
    Path gate = Files.writeString(directory.resolve("gate"), "");
    Path held = directory.resolve("held");
    // A processor that holds the warm-up's compile of its own class until the gate goes: the first warm-up
    // then never ends by itself, and a save that waited for it would never be reloaded.
    Path processor = ProcessorFixtures.processor(directory.resolve("processor"), "gate.GateProcessor", """
        for (javax.lang.model.element.Element e : round.getRootElements()) {
          if (e.getSimpleName().contentEquals("ReloadLoopWarmUp") && java.nio.file.Files.exists(java.nio.file.Path.of("GATE"))) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("HELD"), "");
            long end = System.nanoTime() + 120_000_000_000L;
            while (java.nio.file.Files.exists(java.nio.file.Path.of("GATE")) && System.nanoTime() < end) {
              try { Thread.sleep(10); } catch (InterruptedException x) { Thread.currentThread().interrupt(); return; }
            }
          }
        }
        """.replace("GATE", gate.toString()).replace("HELD", held.toString()));
    try (SampleProject project = new SampleProject(directory.resolve("project"))) {
      Path file = project.write("warm/Counter.java", counter(1));
      project.build(CompilerKind.JAVAC);
      Class<?> counter = project.load("warm.Counter");

      try (AutoReloader reloader = project.reloader(new RecordingListener()).processorPath(List.of(processor))
          .start()) {
        Await.until("the first warm-up's compile to be held by the processor", () -> Files.exists(held));
        project.write("warm/Counter.java", counter(2));
        reloader.reload(file);

        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(40))).as("reloaded while the warm-up compiles")
            .isTrue();
        assertThat(call(counter, "value")).isEqualTo(2);
        assertThat(reloader.firstWarmUpRounds()).as("first warm-up compiles done").isZero();
      }
    } finally {
      Files.deleteIfExists(gate);
    }
  }

  @Test
  void warmedUp_warmUpSource_isInTheReloadersOwnDirectoryAndGoesWithIt() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("warm/Counter.java", counter(1));
      project.build(CompilerKind.JAVAC);
      project.load("warm.Counter");
      List<Path> warmUpSources;

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        // A reload proves the first warm-up compiles are over.
        project.write("warm/Counter.java", counter(2));
        reloader.reload(file);
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();
        warmUpSources = warmUpSources();
      }

      assertThat(warmUpSources).singleElement().satisfies(source -> assertThat(source.toString())
          .startsWith(directory.resolve("target/reload-loop").toString()));
      assertThat(warmUpSources()).as("removed with the reloader's directory").isEmpty();
    }
  }

  private List<Path> warmUpSources() throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(directory)) {
      return files.filter(p -> p.getFileName().toString().equals("ReloadLoopWarmUp.java")).toList();
    }
  }

  /** Counts the JVM's transformations of one loaded class (a retransformation or a redefinition each). */
  private static final class Transformations implements ClassFileTransformer {
    private final Class<?> watched;
    final AtomicInteger count = new AtomicInteger();

    Transformations(Class<?> watched) {
      this.watched = watched;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
        byte[] bytes) {
      if (redefined == watched) {
        count.incrementAndGet();
      }
      return null;
    }
  }

  @Test
  void expectedEditWhileIdle_firstReload_onlyRedefinesTheClass() throws Exception {
    Instrumentation jvm = AgentLoader.load().instrumentation();
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("warm/Counter.java", counter(1));
      project.build(CompilerKind.JAVAC);
      Class<?> counter = project.load("warm.Counter");
      Transformations seen = new Transformations(counter);
      jvm.addTransformer(seen, true);

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        reloader.idle(false);
        reloader.expectEdits(List.of("java.lang.String", "warm.Counter", "warm.Absent"));
        Await.until("the preparing to look twice", () -> reloader.prepareLooks() >= 2 || seen.count.get() > 0);
        assertThat(seen.count).as("nothing read while the program is busy").hasValue(0);

        reloader.idle(true);
        Await.until("Counter read as it runs", () -> seen.count.get() == 1);
        project.write("warm/Counter.java", counter(2));
        reloader.reload(file);
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();

        assertThat(call(counter, "value")).isEqualTo(2);
        assertThat(seen.count).as("the reload's redefinition, and no second read").hasValue(2);
      } finally {
        jvm.removeTransformer(seen);
      }
    }
  }

  @Test
  void noEditExpected_firstReload_readsTheClassThenRedefinesIt() throws Exception {
    Instrumentation jvm = AgentLoader.load().instrumentation();
    try (SampleProject project = new SampleProject(directory)) {
      Path file = project.write("cold/Counter.java", counter(1).replace("package warm", "package cold"));
      project.build(CompilerKind.JAVAC);
      Class<?> counter = project.load("cold.Counter");
      Transformations seen = new Transformations(counter);
      jvm.addTransformer(seen, true);

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        project.write("cold/Counter.java", counter(2).replace("package warm", "package cold"));
        reloader.reload(file);
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();

        assertThat(call(counter, "value")).isEqualTo(2);
        assertThat(seen.count).as("read as it runs, then redefined").hasValue(2);
      } finally {
        jvm.removeTransformer(seen);
      }
    }
  }
}
