package io.github.reloadloop.junit.internal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reloadloop.junit.console.ConsoleFactory;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a build reads from, as a test JVM finds it: a real JVM started by a shell whose standard input is
 * {@code /dev/null}, closed, or a file, reports {@link TtyConsoleFactory#buildInput()} (Linux only).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BuildInputTests {

  /** Prints {@code TtyConsoleFactory.buildInput()} of the JVM it runs in. */
  public static final class Probe {
    public static void main(String[] arguments) {
      System.out.println("build input: " + TtyConsoleFactory.buildInput().orElse("unknown"));
    }
  }

  @Test
  void shellWithInputFromDevNull_isDevNull() throws Exception {
    assertThat(probeUnderShellWith("exec 0</dev/null")).isEqualTo("/dev/null");
  }

  @Test
  void shellWithInputClosed_isClosed() throws Exception {
    assertThat(probeUnderShellWith("exec 0<&-")).isEqualTo(TtyConsoleFactory.CLOSED_INPUT);
  }

  @Test
  void shellWithInputFromAFile_isThatFile() throws Exception {
    Path file = Files.createTempFile("reload-loop-input", ".txt");
    try {
      assertThat(probeUnderShellWith("exec 0<'" + file + "'")).isEqualTo(file.toRealPath().toString());
    } finally {
      Files.delete(file);
    }
  }

  /** Runs {@link Probe} from {@code sh} after {@code redirect} (the shell's own standard input). */
  private static String probeUnderShellWith(String redirect) throws IOException, InterruptedException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads /proc: Linux only");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // "; exit" keeps the shell as the probe's parent instead of letting it exec the probe.
    String classpath = Stream.of(Probe.class, TtyConsoleFactory.class, ConsoleFactory.class)
        .map(BuildInputTests::locationOf).distinct().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    Process shell = new ProcessBuilder("sh", "-c", redirect + "; \"$0\" -cp \"$1\" \"$2\"; exit $?", java,
        classpath, Probe.class.getName()).redirectErrorStream(true).start();
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(shell.exitValue()).as(output).isZero();
    assertThat(output).as("the probe's output").contains("build input: ");
    return output.substring(output.indexOf("build input: ") + "build input: ".length()).strip();
  }

  private static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no location for " + type, e);
    }
  }
}
