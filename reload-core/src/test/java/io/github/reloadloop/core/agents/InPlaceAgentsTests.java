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

/** In-place changes of classes that other agents instrumented, with the real agents. */
class InPlaceAgentsTests {

  @TempDir
  Path directory;

  /**
   * JaCoCo instruments the class and its companions as they are defined; each in-place change carries
   * JaCoCo's members into the class and into a companion redefined later.
   */
  @ParameterizedTest
  @ValueSource(strings = {"8", "17"})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void jacocoAgent_privateMembersAdded_changedInPlaceThreeTimes(String release) throws Exception {
    Path log = directory.resolve("child.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + OtherAgentsTests.requiredFile("test.jacoco.agent.jar") + "=output=none,includes=fixture.*",
        "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
        "-cp", OtherAgentsTests.testClasspath(), InPlaceUnderJacocoMain.class.getName(),
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
    assertThat(output).contains("before: 40",
        "first: 143 {fixture.Ledger=[1 method added, 1 lambda added, 2 fields added]}",
        "second: 182 []", "third: 39 []");
  }

  /**
   * A class that Mockito's inline mock maker mocks gets a private helper in place: real instances and spies
   * run it, the mock keeps answering as stubbed.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void mockitoInlineMock_privateHelperAdded_realsAndSpiesRunIt_mockStaysStubbed() throws Exception {
    String pricer = """
        package mocked;
        public class Pricer {
          public int price(int quantity) { return BODY; }
          MEMBERS
        }
        """;
    try (SampleProject project = new SampleProject(directory)) {
      project.write("mocked/Pricer.java", pricer.replace("BODY", "quantity").replace("MEMBERS", ""));
      project.build(CompilerKind.JAVAC);
      Class<?> type = project.load("mocked.Pricer");
      Object real = type.getConstructor().newInstance();
      Object mock = Mockito.mock(type, invocation -> -1);
      assertThat(SampleProject.call(mock, "price", 3)).isEqualTo(-1);
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("mocked/Pricer.java", pricer.replace("BODY", "scaled(quantity)")
            .replace("MEMBERS", "private int scaled(int q) { return q * 10; }"));
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();

        assertThat(events.refused).as("%s", events).isEmpty();
        assertThat(events.results.get(events.results.size() - 1).inPlace()).containsKey("mocked.Pricer");
        assertThat(SampleProject.call(real, "price", 3)).isEqualTo(30);
        assertThat(SampleProject.call(mock, "price", 3)).isEqualTo(-1);
        Object spy = Mockito.spy(type.getConstructor().newInstance());
        assertThat(SampleProject.call(spy, "price", 2)).isEqualTo(20);
      } finally {
        Mockito.framework().clearInlineMocks();
      }
    }
  }
}
