package io.github.reloadloop.core.internal.redefine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.ForkedJvm;
import io.github.reloadloop.core.support.JavaagentProbe;
import io.github.reloadloop.core.support.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AgentLoaderTests {

  @TempDir
  Path directory;

  private static final String JAR = "/repo/reload-core-0.1.0.jar";

  @Test
  void java21Refusal_refusalMessage_namesDynamicLoadingFlagAndJavaagent() {
    var cause = new IllegalStateException("wrapped", new IOException("Can not attach to current VM"));

    String message = AgentLoader.refusalMessage(cause, 21, JAR);

    assertThat(message)
        .contains("cannot load the reload agent")
        .contains("IOException: Can not attach to current VM")
        .contains("-XX:+EnableDynamicAgentLoading")
        .contains("-Djdk.attach.allowAttachSelf=true")
        .contains("-javaagent:" + JAR);
  }

  @Test
  void java17Refusal_refusalMessage_omitsDynamicLoadingFlagButNamesJavaagent() {
    String message = AgentLoader.refusalMessage(new IllegalStateException("no attach"), 17, JAR);

    assertThat(message)
        .doesNotContain("EnableDynamicAgentLoading")
        .contains("-Djdk.attach.allowAttachSelf=true")
        .contains("-javaagent:" + JAR);
  }

  @Test
  void causeWithoutMessage_refusalMessage_namesExceptionType() {
    assertThat(AgentLoader.refusalMessage(new UnsupportedOperationException(), 25, JAR))
        .contains("(UnsupportedOperationException)");
  }

  @Test
  void testJvm_load_givesInstrumentationThatRedefines() {
    AgentLoader.Agent agent = AgentLoader.load();

    assertThat(agent.instrumentation().isRedefineClassesSupported()).isTrue();
    assertThat(agent.source()).isNotBlank();
  }

  @Test
  void loadedAgent_firstRedefinition_retransformsItsClassUnchanged() {
    var instrumentation = AgentLoader.load().instrumentation();

    assertThat(FirstRedefinition.run(instrumentation)).isTrue();
    assertThat(FirstRedefinition.run(instrumentation)).as("again, on the class as it runs now").isTrue();
  }

  @Test
  void agentJar_agentJar_isWhereTheAgentClassIsLoadedFrom() {
    Path location = Path.of(AgentLoader.agentJar());

    assertThat(Files.isDirectory(location)
        ? Files.isRegularFile(location.resolve("io/github/reloadloop/core/internal/redefine/ReloadAgent.class"))
        : location.getFileName().toString().endsWith(".jar")).as("%s", location).isTrue();
  }

  @Test
  @Timeout(180)
  void jvmStartedWithJavaagent_saveAndAwait_statusSaysJavaagentAndClassRedefined() throws Exception {
    Path jar = directory.resolve("reload-agent.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", ReloadAgent.class.getName());
    manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush(); // The agent class itself comes from the classpath, as the reload-core jar's would.
    }
    SampleProject project = new SampleProject(directory);
    project.write("probe/Value.java", "package probe;\npublic class Value { public static int get() { return 1; } }\n");
    project.build(CompilerKind.JAVAC);

    // No dynamic attach allowed: only -javaagent can give the probe its instrumentation.
    ForkedJvm.Result result = ForkedJvm.run(directory, List.of("-javaagent:" + jar, "-XX:-EnableDynamicAgentLoading",
        "-Djdk.attach.allowAttachSelf=false"), JavaagentProbe.class, project.root.toString(), project.out.toString());

    assertThat(result.output()).contains("before=1", "awaited=true", "agent=-javaagent", "after=2");
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
