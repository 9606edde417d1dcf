package io.github.reloadloop.junit.internal.console.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.attach.AttachCommand;
import io.github.reloadloop.junit.internal.attach.ConsoleSockets;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer-credential check with a real client of another user: this JVM (root) opens the attach console,
 * the test opens the socket's directories and the socket itself to everyone, so that only the check stands
 * in the way, and {@code reload-loop attach} runs as the user {@value #OTHER_USER} ({@code runuser} or
 * {@code setpriv}). Needs root and that user; skipped, with the reason, elsewhere (CI runs as a plain user).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AnotherUserTests {

  private static final String OTHER_USER = "nobody";
  private static final Duration SHOWN = Duration.ofSeconds(20);
  private static final String FAILURE = "FAILED: CalculatorTest > totalAddsPrices()";

  @TempDir Path temporary;
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private AttachConsole console;

  @AfterEach
  void close() {
    if (console != null) {
      console.close();
    }
    loop.shutdownNow();
  }

  @Test
  void clientOfAnotherUser_socketOpenToAll_isRefusedNamingBothUsers_theOwnerStillAttaches() throws Exception {
    assumeTrue(ProcessHandle.current().info().user().filter("root"::equals).isPresent(),
        "runs as root only: it starts a client as another user");
    assumeTrue(userExists(OTHER_USER), "no user " + OTHER_USER + " on this machine");
    List<String> asOtherUser = asOtherUser();
    assumeTrue(!asOtherUser.isEmpty(), "neither runuser nor setpriv is installed");

    Path directory = ConsoleSockets.directory(temporary.resolve("target"), ProcessHandle.current().pid());
    Path socket = directory.resolve(ConsoleSockets.SOCKET);
    console = AttachConsole.open(directory, Duration.ofMinutes(5), "reload-loop attach", "pid 1 in /shop",
        System.err);
    console.println(Tone.ERROR, FAILURE);
    Future<String> line = loop.submit(() -> console.readLine("reload> "));
    openToEveryone(directory, socket);
    Path clientClasses = copyAttachCommand(temporary.resolve("client"));

    List<String> command = new ArrayList<>(asOtherUser);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        clientClasses.toString(), AttachCommand.class.getName(), "attach", socket.toString()));
    Process client = new ProcessBuilder(command).directory(temporary.toFile()).redirectErrorStream(true).start();
    client.getOutputStream().close();
    String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(client.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();

    assertThat(client.exitValue()).as(output).isEqualTo(1);
    assertThat(output).as("what " + OTHER_USER + " sees")
        .contains("reload-loop: the run at " + socket + " refused: this test run belongs to root; " + OTHER_USER
            + " may not attach to it")
        .doesNotContain("no test run waits");
    try (TestClient owner = TestClient.attach(socket)) {
      assertThat(owner.refused()).as(owner.answer()).isFalse();
      assertThat(owner.awaitScreen("reload> ", SHOWN)).as(owner.screen()).isTrue();
      owner.type("continue\r");
      assertThat(line.get(20, TimeUnit.SECONDS)).isEqualTo("continue");
    }
  }

  private static boolean userExists(String name) throws IOException {
    try {
      Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
      return true;
    } catch (UserPrincipalNotFoundException e) {
      return false;
    }
  }

  /** The command prefix that runs a program as {@value #OTHER_USER}, or none. */
  private static List<String> asOtherUser() {
    Optional<Path> runuser = installed("runuser");
    if (runuser.isPresent()) {
      return List.of(runuser.get().toString(), "-u", OTHER_USER, "--");
    }
    return installed("setpriv").map(setpriv -> List.of(setpriv.toString(), "--reuid=" + OTHER_USER,
        "--regid=" + OTHER_USER, "--clear-groups")).orElse(List.of());
  }

  private static Optional<Path> installed(String program) {
    return Stream.of("/usr/sbin", "/sbin", "/usr/bin", "/bin").map(d -> Path.of(d, program))
        .filter(Files::isExecutable).findFirst();
  }

  /** Opens the directories down to the socket, and the socket, to every user: the peer check alone remains. */
  private void openToEveryone(Path directory, Path socket) throws IOException {
    for (Path d = directory; d.startsWith(temporary); d = d.getParent()) {
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  /**
   * Copies the attach command, which uses only the JDK, where the other user can read it (the build's class
   * directory or jar may sit below a directory only its owner reads): its package's classes from a class
   * directory, or the whole jar when the extension comes from one (the tests on other JUnit versions).
   *
   * @return the class path entry for the other user's JVM
   */
  private static Path copyAttachCommand(Path classes) throws IOException, URISyntaxException {
    Path location = Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.createDirectories(classes);
    Path entry = classes;
    if (Files.isRegularFile(location)) {
      entry = classes.resolve(location.getFileName());
      Files.copy(location, entry);
    } else {
      Path packageDirectory = Path.of(AttachCommand.class.getPackageName().replace('.', '/'));
      Path target = Files.createDirectories(classes.resolve(packageDirectory));
      try (Stream<Path> files = Files.list(location.resolve(packageDirectory))) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".class")).toList()) {
          Files.copy(file, target.resolve(file.getFileName()));
        }
      }
    }
    try (Stream<Path> paths = Files.walk(classes)) {
      for (Path path : paths.toList()) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x"
            : "rw-r--r--"));
      }
    }
    return entry;
  }
}
