package io.github.reloadloop.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mockito;

/** Patches of classes that other agents instrumented when they were loaded, with the real agents. */
class OtherAgentsTests {

  @TempDir
  Path directory;

  /**
   * JaCoCo's agent adds {@code $jacocoInit} (and, before Java 11 class files, {@code $jacocoData}; to an
   * interface before Java 11, a static initialiser) to every class it loads; a body-only fix must be
   * redefined in place anyway, twice in a row.
   */
  @ParameterizedTest
  @ValueSource(strings = {"8", "17"})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void jacocoAgent_bodyOnlyFix_redefinedInPlaceNotRefused(String release) throws Exception {
    String output = runUnderJacoco(UnderJacocoMain.class, directory, release);

    assertThat(output).contains("jacoco members: [$jacocoInit] [$jacocoInit]", "before: 10 shape 1 counter");
    assertThat(output).contains("redefined: [fixture.Counter, fixture.Shape]", "refused: []", "problems: []",
        "same class: true", "after: 11 shape 2 counter", "refused again: []", "after again: 111");
  }

  /**
   * Mockito's inline mock maker retransforms a mocked class to put its advice into the method bodies; a
   * body-only fix of that class is redefined in place, real instances run the fix, and the mock keeps
   * answering as stubbed (Mockito's transformer advises the redefined bodies again).
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void mockitoInlineMock_bodyOnlyFix_realInstancesRunTheFixAndTheMockStaysStubbed() throws Exception {
    String pricer = """
        package mocked;
        public class Pricer {
          public int price(int quantity) { return quantity * FACTOR; }
        }
        """;
    try (SampleProject project = new SampleProject(directory)) {
      project.write("mocked/Pricer.java", pricer.replace("FACTOR", "1"));
      project.build(CompilerKind.JAVAC);
      Class<?> type = project.load("mocked.Pricer");
      Object real = type.getConstructor().newInstance();
      Object mock = Mockito.mock(type, invocation -> -1);
      assertThat(SampleProject.call(mock, "price", 3)).isEqualTo(-1);
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("mocked/Pricer.java", pricer.replace("FACTOR", "10"));
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();

        assertThat(events.refused).as("%s", events).isEmpty();
        assertThat(events.redefined).contains("mocked.Pricer");
        assertThat(SampleProject.call(real, "price", 3)).isEqualTo(30);
        assertThat(SampleProject.call(mock, "price", 3)).isEqualTo(-1);
        Object spy = Mockito.spy(type.getConstructor().newInstance());
        assertThat(SampleProject.call(spy, "price", 2)).isEqualTo(20);
      } finally {
        Mockito.framework().clearInlineMocks();
      }
    }
  }

  /**
   * Runs {@code main} in a JVM of its own under JaCoCo's agent (instrumenting {@code fixture.*}), with the
   * project directory below {@code directory} and {@code release}; returns what it printed, once it ended well.
   */
  static String runUnderJacoco(Class<?> main, Path directory, String release) throws Exception {
    Path log = directory.resolve("child.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + requiredFile("test.jacoco.agent.jar") + "=output=none,includes=fixture.*",
        "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
        "-cp", testClasspath(), main.getName(),
        directory.resolve("project").toString(), release));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    boolean ended = child.waitFor(150, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("the child JVM ended; it printed:\n%s", output).isTrue();
    assertThat(child.exitValue()).as("exit code of the child JVM; it printed:\n%s", output).isZero();
    return output;
  }

  static String requiredFile(String property) {
    String path = System.getProperty(property);
    assertThat(path).as("system property %s (set by the build)", property).isNotBlank();
    assertThat(Path.of(path)).as("%s", property).isRegularFile();
    return path;
  }

  /** The test classpath as Surefire gives it (its own {@code java.class.path} may be a manifest-only jar). */
  static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
