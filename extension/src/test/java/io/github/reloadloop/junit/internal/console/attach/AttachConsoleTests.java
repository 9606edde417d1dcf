package io.github.reloadloop.junit.internal.console.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.junit.console.LoopConsole.ConsoleClosedException;
import io.github.reloadloop.junit.console.LoopConsole.InterruptWatch;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.attach.ConsoleSockets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.net.UnixDomainPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attach console over a real Unix domain socket, with a client that speaks the protocol from a test
 * thread: the same JLine console as on a terminal, one client at a time, detach and attach again, Ctrl-C
 * as a key, the time limit while no terminal is attached, and the socket's directory.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AttachConsoleTests {

  private static final Duration SHOWN = Duration.ofSeconds(20);
  private static final String FAILURE = "FAILED: CalculatorTest > totalAddsPrices()";
  private static final char CTRL_C = 3;

  @TempDir Path temporary;
  private Path directory;
  private Path socket;
  private final ByteArrayOutputStream testOutput = new ByteArrayOutputStream();
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private AttachConsole console;

  @BeforeEach
  void open() throws Exception {
    directory = ConsoleSockets.directory(temporary.resolve("target"), ProcessHandle.current().pid());
    socket = directory.resolve(ConsoleSockets.SOCKET);
    console = open(Duration.ofMinutes(5));
  }

  private AttachConsole open(Duration timeout) throws Exception {
    AttachConsole opened = AttachConsole.open(directory, timeout, "reload-loop attach", "pid 1 in /shop",
        new PrintStream(testOutput, true, StandardCharsets.UTF_8));
    opened.println(Tone.ERROR, FAILURE);
    opened.println(Tone.PLAIN, "  expected: <6> but was: <9>");
    return opened;
  }

  @AfterEach
  void close() {
    console.close();
    loop.shutdownNow();
  }

  private Future<String> readLine() {
    return loop.submit(() -> console.readLine("reload> "));
  }

  @Test
  void attached_seesTheFailureAndThePrompt_aTypedLineIsRead() throws Exception {
    Future<String> line = readLine();
    awaitProbe("waiting at");
    try (TestClient client = TestClient.attach(socket)) {
      assertThat(client.refused()).isFalse();
      assertThat(client.answer()).isEqualTo("pid 1 in /shop: waiting at " + FAILURE);
      assertThat(client.awaitScreen("reload> ", SHOWN)).as(client.screen()).isTrue();
      assertThat(client.screen()).contains(FAILURE, "expected: <6> but was: <9>");

      console.println(Tone.SUCCESS, "reloaded 1 class in 40 ms: shop.Calculator");
      client.type("status\r");

      assertThat(line.get(20, TimeUnit.SECONDS)).isEqualTo("status");
      assertThat(client.awaitScreen("reload> status", SHOWN)).as(client.screen()).isTrue();
      assertThat(client.screen()).contains("reloaded 1 class in 40 ms: shop.Calculator");
    }
    assertThat(testOutput.toString(StandardCharsets.UTF_8))
        .contains("reload-loop: test failed, console waiting: run  reload-loop attach  in a terminal");
  }

  @Test
  void disconnectMidLine_attachAgain_theFailureAndTheTypedTextAreShownAgain() throws Exception {
    Future<String> line = readLine();
    try (TestClient first = TestClient.attach(socket)) {
      first.type("sta");
      assertThat(first.awaitScreen("reload> sta", SHOWN)).as(first.screen()).isTrue();
    }
    try (TestClient again = TestClient.attach(socket)) {
      assertThat(again.awaitScreen("reload> sta", SHOWN)).as(again.screen()).isTrue();
      assertThat(again.screen()).contains(FAILURE, "expected: <6> but was: <9>");
      again.type("tus\r");
      assertThat(line.get(20, TimeUnit.SECONDS)).isEqualTo("status");
    }
  }

  @Test
  void secondClient_isRefusedWithAClearMessage_theFirstGoesOn() throws Exception {
    Future<String> line = readLine();
    try (TestClient first = TestClient.attach(socket)) {
      assertThat(first.awaitScreen("reload> ", SHOWN)).isTrue();
      try (TestClient second = TestClient.attach(socket)) {
        assertThat(second.refused()).isTrue();
        assertThat(second.answer()).startsWith("another terminal is attached to this run since ")
            .endsWith("; detach it there with Ctrl-\\, then attach again");
      }
      first.type("continue\r");
      assertThat(line.get(20, TimeUnit.SECONDS)).isEqualTo("continue");
    }
  }

  @Test
  void probe_saysWhatTheRunDoes_withoutAttaching() throws Exception {
    Future<String> line = readLine();
    assertThat(awaitProbe("waiting at")).isEqualTo("pid 1 in /shop: waiting at " + FAILURE);
    try (TestClient client = TestClient.attach(socket)) {
      assertThat(client.refused()).as("a probe does not take the console").isFalse();
      client.type("skip\r");
      assertThat(line.get(20, TimeUnit.SECONDS)).isEqualTo("skip");
    }
  }

  /** Probes until the description holds {@code text} (the read has started), bounded by the class timeout. */
  private String awaitProbe(String text) throws Exception {
    String description = TestClient.probe(socket);
    while (!description.contains(text)) {
      TimeUnit.MILLISECONDS.sleep(10);
      description = TestClient.probe(socket);
    }
    return description;
  }

  @Test
  void ctrlCFromTheClient_clearsTheLine_thenOnAnEmptyLineClosesTheConsole() throws Exception {
    Future<String> line = readLine();
    try (TestClient client = TestClient.attach(socket)) {
      assertThat(client.awaitScreen("reload> ", SHOWN)).isTrue();
      client.type("stat" + CTRL_C);
      client.type(Character.toString(CTRL_C));
      ExecutionException closed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> line.get(20, TimeUnit.SECONDS));
      assertThat(closed.getCause()).isInstanceOf(ConsoleClosedException.class).hasMessage("Ctrl-C");
    }
  }

  @Test
  void ctrlCWhileAnEvalRuns_callsBack_andADisconnectMidEvalBreaksNothing() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    try (TestClient client = TestClient.attach(socket)) {
      try (InterruptWatch watch = console.watchInterrupts(interrupted::countDown)) {
        client.type(Character.toString(CTRL_C));
        assertThat(interrupted.await(20, TimeUnit.SECONDS)).as("Ctrl-C reached the eval's watch").isTrue();
      }
    }
    try (TestClient gone = TestClient.attach(socket); InterruptWatch watch = console.watchInterrupts(() -> { })) {
      gone.close(); // Mid-eval.
    }
    Future<String> line = readLine();
    try (TestClient client = TestClient.attach(socket)) {
      client.type("continue\r");
      assertThat(line.get(20, TimeUnit.SECONDS)).isEqualTo("continue");
    }
  }

  @Test
  void tenColumnTerminal_aLongLineWrapsAndIsReadWhole_resizeToo() throws Exception {
    Future<String> line = readLine();
    try (TestClient client = TestClient.attach(socket, 10, 5)) {
      assertThat(client.awaitScreen("reload>", SHOWN)).as(client.screen()).isTrue();
      client.type("eval 1 + 2 + 3 + 4 + 5");
      client.resize(12, 3);
      client.resize(10, 1);
      client.type("\r");
      assertThat(line.get(20, TimeUnit.SECONDS)).isEqualTo("eval 1 + 2 + 3 + 4 + 5");
    }
  }

  @Test
  void noTerminalAttaches_theReadEndsAfterTheTimeout_andALineOnTheTestOutputSaysSo() throws Exception {
    console.close();
    console = open(Duration.ofMillis(300));

    ExecutionException closed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> readLine().get(20, TimeUnit.SECONDS));

    assertThat(closed.getCause()).isInstanceOf(ConsoleClosedException.class)
        .hasMessage("no terminal attached within 300 ms");
    assertThat(testOutput.toString(StandardCharsets.UTF_8))
        .containsOnlyOnce("reload-loop: test failed, console waiting")
        .contains("the failure stands if none attaches within 300 ms (reload.attach.timeout)")
        .contains("reload-loop: no terminal attached within 300 ms (reload.attach.timeout): " + FAILURE
            + " fails normally, and so do later failures");
  }

  @Test
  void wake_endsTheReadWithNoTerminalAttached() throws Exception {
    Future<String> line = readLine();
    awaitProbe("waiting at");
    console.wake();
    assertThat(line.get(20, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void close_saysGoodbye_andRemovesTheSocketAndItsOwnerOnlyDirectory() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    try (TestClient client = TestClient.attach(socket)) {
      console.close();
      assertThat(client.awaitEnd(SHOWN)).isEqualTo("the test run ended");
    }
    assertThat(directory).doesNotExist();
  }

  @Test
  void anotherUser_isRefused_namingBothUsers() throws Exception {
    UserPrincipal owner = Files.getOwner(directory);
    GroupPrincipal group = Files.readAttributes(directory, PosixFileAttributes.class).group();
    UserPrincipal nobody = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");

    assertThat(AttachServer.refusal(owner, new UnixDomainPrincipal(owner, group))).isNull();
    assertThat(AttachServer.refusal(owner, new UnixDomainPrincipal(nobody, group)))
        .isEqualTo("this test run belongs to " + owner.getName() + "; nobody may not attach to it");
  }

  @Test
  void format_durations() {
    assertThat(AttachConsole.format(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(AttachConsole.format(Duration.ofSeconds(90))).isEqualTo("90 s");
    assertThat(AttachConsole.format(Duration.ofMillis(300))).isEqualTo("300 ms");
  }
}
