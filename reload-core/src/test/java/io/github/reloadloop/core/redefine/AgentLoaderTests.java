package io.github.reloadloop.core.redefine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class AgentLoaderTests {

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
  void agentJar_agentJar_pointsAtReloadCoreClasses() {
    assertThat(AgentLoader.agentJar()).contains("reload-core");
  }
}
