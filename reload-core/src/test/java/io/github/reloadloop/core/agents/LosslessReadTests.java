package io.github.reloadloop.core.agents;

import static io.github.reloadloop.core.agents.OtherAgentsTests.requiredFile;
import static io.github.reloadloop.core.agents.OtherAgentsTests.testClasspath;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class the user did not edit comes out of the reloader exactly as the build made it, and a patched class
 * keeps everything its build's class file carried. Reading a loaded class by retransformation used to define
 * it anew from a class file the JVM reconstituted, which on JDK 17 and 18 has no {@code MethodParameters}
 * attribute: every prepared class lost its parameter names ({@code arg0}), and Spring MVC its
 * {@code @PathVariable} bindings. Runs in a JVM of its own with JaCoCo's agent on half of the classes, on
 * the JDK running the tests (17, and 25 through the build's {@code java25} execution).
 */
class LosslessReadTests {

  @TempDir
  Path directory;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void preparedNeighbourPatchedAndPatchedClasses_reflectionSnapshotUnchanged_withAndWithoutJacoco() throws Exception {
    String output = run();

    assertThat(output).as(output)
        .contains("jacoco: [covered=[$jacocoInit], plain=[]]", "named parameters before: true",
            "not prepared: {}")
        .contains("after preparing: same", "after a neighbour's patch: same", "after patching them: same")
        .contains("refused: []", "problems: []", "behaviour: [21,6000, 21,6000]")
        .contains("stack top covered: Handler.java:19 fail at line 19 of Handler.java, 3",
            "stack top plain: Handler.java:19 fail at line 19 of Handler.java, 3")
        .doesNotContain("DIFFERENT");
    assertThat(output).contains("covered.Handler", "covered.Pricing", "covered.Tier", "plain.Handler",
        "plain.Pricing", "plain.Tier");
  }

  private String run() throws Exception {
    Path log = directory.resolve("child.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + requiredFile("test.jacoco.agent.jar") + "=output=none,includes=covered.*",
        "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
        "-cp", testClasspath(), LosslessReadMain.class.getName(), directory.resolve("project").toString()));
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
}
