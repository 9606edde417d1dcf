package io.github.reloadloop.junit.internal.console.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.internal.console.TtyConsoleFactory;
import io.github.reloadloop.junit.internal.console.attach.AttachConsoleFactory;
import io.github.reloadloop.junit.internal.console.line.StdinConsoleFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reload.console}: the named consoles, and {@code auto}'s choice from the signs a run gives: the
 * launcher (IDE runners by their main classes), CI variables, where {@code reload.loop} came from.
 */
class ConsoleChoiceTests {

  private static final String CLOSED = TtyConsoleFactory.CLOSED_INPUT;

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  @TempDir Path module;

  private ConsoleFactory named(String name) {
    return ConsoleChoice.factory(name, TIMEOUT, module, key -> Optional.empty());
  }

  @Test
  void namedConsoles() throws Exception {
    assertThat(named("tty")).isInstanceOf(TtyConsoleFactory.class);
    assertThat(named("attach")).isInstanceOf(AttachConsoleFactory.class);
    assertThat(named("stdin")).isInstanceOf(StdinConsoleFactory.class);
    ConsoleFactory off = named("off");
    assertThat(off.unavailableReason()).isEqualTo("reload.console=off");
    assertThatThrownBy(off::open).isInstanceOf(IOException.class);
  }

  @Test
  void stdinUnderSurefire_refused_surefireOwnsIt() {
    assertThat(ConsoleChoice.stdinUnavailable(Optional.of(Launchers.SUREFIRE)))
        .isEqualTo("reload.console=stdin: Maven Surefire reads its own commands from the test JVM's standard input;"
            + " use tty or attach");
  }

  @Test
  void unknownName_messageListsTheChoices() {
    assertThatThrownBy(() -> named("telnet"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith("reload.console=telnet is not usable: use auto, tty, attach, stdin, off or the name of"
            + " a ConsoleFactory class");
  }

  @Test
  void auto_withoutATerminal_onCi_isOffInOneLineNamingAttach() {
    assumeTrue(new TtyConsoleFactory().unavailableReason() != null, "this JVM has a terminal: auto takes it");

    ConsoleFactory factory = ConsoleChoice.auto(TIMEOUT, module, Map.of("CI", "true"), true);

    assertThat(factory.unavailableReason())
        .contains("the run does not look interactive (CI=true")
        .endsWith(": reload.console=attach would make a failure wait for  reload-loop attach  from a terminal");
  }

  @Test
  void launchers_recognisedByMainClass_orOnTheMainThread() {
    assertThat(Launchers.recognise("com.intellij.rt.junit.JUnitStarter -ideVersion5 -junit5 shop.CalculatorTest",
        List.of())).contains(Launchers.INTELLIJ);
    assertThat(Launchers.recognise("org.eclipse.jdt.internal.junit.runner.RemoteTestRunner -version 3 -port 41234"
        + " -testLoaderClass org.eclipse.jdt.internal.junit5.runner.JUnit5TestLoader -loaderpluginname"
        + " org.eclipse.jdt.junit5.runtime -classNames shop.CalculatorTest", List.of())).contains(Launchers.ECLIPSE);
    assertThat(Launchers.recognise("com.intellij.rt.execution.CommandLineWrapper /tmp/idea_classpath"
        + " com.intellij.rt.junit.JUnitStarter -ideVersion5", List.of())).contains(Launchers.INTELLIJ);
    assertThat(Launchers.recognise("/home/ada/junit-platform-console-standalone.jar execute",
        List.of("java.lang.Thread", "org.junit.platform.console.ConsoleLauncher"))).contains(Launchers.CONSOLE_LAUNCHER);
    assertThat(Launchers.recognise("org.apache.maven.surefire.booter.ForkedBooter /tmp/surefire 2026 x.tmp",
        List.of())).contains(Launchers.SUREFIRE);
    assertThat(Launchers.recognise("worker.org.gradle.process.internal.worker.GradleWorkerMain 'Gradle Test"
        + " Executor 1'", List.of())).contains(Launchers.GRADLE);
    assertThat(Launchers.recognise("shop.Main", List.of("shop.Main"))).isEmpty();
    assertThat(Launchers.INTELLIJ.ide()).isTrue();
    assertThat(Launchers.GRADLE.ide()).isFalse();
  }

  @Test
  void interactivity_ciVariablesDevNullAndWhereTheLoopWasSwitchedOn() {
    Optional<String> none = Optional.empty();
    assertThat(Interactivity.againstWaiting(Map.of(), true, none)).isEmpty();
    assertThat(Interactivity.againstWaiting(Map.of("CI", "false", "HOME", "/root"), true, none)).isEmpty();
    assertThat(Interactivity.againstWaiting(Map.of("CI", "true"), true, none)).containsExactly("CI=true");
    assertThat(Interactivity.againstWaiting(Map.of("JENKINS_URL", "http://ci/"), true, none))
        .containsExactly("JENKINS_URL=http://ci/");
    assertThat(Interactivity.againstWaiting(Map.of(), true, Optional.of("the build's standard input is /dev/null")))
        .containsExactly("the build's standard input is /dev/null");
    assertThat(Interactivity.againstWaiting(Map.of(), false, none))
        .containsExactly("reload.loop=true comes from junit-platform.properties, not from this run's command line");
  }

  @Test
  void interactivity_theBuildsInput_aTerminalOrUnknownIsNoSign_devNullClosedOrAFileIs() {
    assertThat(Interactivity.inputSign(false, Optional.of("/dev/pts/3"), CLOSED)).isEmpty();
    assertThat(Interactivity.inputSign(false, Optional.of("/dev/tty1"), CLOSED)).isEmpty();
    assertThat(Interactivity.inputSign(false, Optional.empty(), CLOSED)).isEmpty();
    assertThat(Interactivity.inputSign(false, Optional.of("/dev/null"), CLOSED))
        .contains("the build's standard input is /dev/null");
    assertThat(Interactivity.inputSign(true, Optional.of("/dev/pts/3"), CLOSED))
        .contains("the build's standard input is /dev/null");
    assertThat(Interactivity.inputSign(false, Optional.of(CLOSED), CLOSED))
        .contains("the build's standard input is closed");
    assertThat(Interactivity.inputSign(false, Optional.of("/usr/lib/jvm/java-17/lib/modules"), CLOSED))
        .contains("the build's standard input is neither a terminal nor a pipe (/usr/lib/jvm/java-17/lib/modules)");
  }

  @Test
  void offReason_namesWhatItSawOnce_andAttach() {
    String devNull = "the build's standard input is /dev/null";
    assertThat(ConsoleChoice.offReason(devNull, Optional.empty(), List.of(devNull)))
        .isEqualTo(devNull + ": reload.console=attach would make a failure wait for  reload-loop attach  from a terminal");
    assertThat(ConsoleChoice.offReason("/dev/tty (No such device or address)", Optional.of(Launchers.GRADLE),
        List.of("CI=true", devNull)))
        .isEqualTo("/dev/tty (No such device or address) (launched by a Gradle test worker), and the run does not"
            + " look interactive (CI=true; " + devNull + "): reload.console=attach would make a failure wait for"
            + "  reload-loop attach  from a terminal");
  }

  @Test
  void loopExplicit_fromASystemProperty_orNotFromThePropertiesFile(@TempDir Path classes) throws Exception {
    java.nio.file.Files.writeString(classes.resolve("junit-platform.properties"), "reload.loop=true\n");
    try (java.net.URLClassLoader withFile = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
        null)) {
      String before = System.getProperty("reload.loop");
      System.clearProperty("reload.loop");
      try {
        assertThat(Interactivity.loopExplicit(withFile)).as("only in the file").isFalse();
        assertThat(Interactivity.loopExplicit(new java.net.URLClassLoader(new java.net.URL[0], null)))
            .as("a launcher parameter").isTrue();
        System.setProperty("reload.loop", "true");
        assertThat(Interactivity.loopExplicit(withFile)).as("-Dreload.loop=true").isTrue();
      } finally {
        if (before == null) {
          System.clearProperty("reload.loop");
        } else {
          System.setProperty("reload.loop", before);
        }
      }
    }
  }
}
