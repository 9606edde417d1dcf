package io.github.reloadloop.junit.internal.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import io.github.reloadloop.junit.internal.console.attach.AttachConsoleFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code attach} command's side, against real attach consoles in this JVM: finding the waiting runs
 * below a directory, removing what runs that are gone left, listing several and taking the user's choice,
 * and relaying a session until it is detached or the run ends.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaitingRunsTests {

  @TempDir Path checkout;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private LoopConsole shop;
  private LoopConsole billing;

  @AfterEach
  void close() {
    for (LoopConsole console : new LoopConsole[] {shop, billing}) {
      if (console != null) {
        console.close();
      }
    }
    threads.shutdownNow();
  }

  /** An attach console for module {@code name} of the checkout, waiting at a failure. */
  private LoopConsole waitingRun(String name) throws Exception {
    Path module = checkout.resolve(name);
    Files.createDirectories(module.resolve("target"));
    AttachConsoleFactory factory = new AttachConsoleFactory(module, Duration.ofMinutes(5));
    assertThat(factory.unavailableReason()).isNull();
    LoopConsole console = factory.open();
    console.println(Tone.ERROR, "FAILED: " + name + "Tests > works()");
    threads.submit(() -> console.readLine("reload> "));
    return console;
  }

  @Test
  void twoWaitingRuns_bothListed_theChoiceIsTaken() throws Exception {
    shop = waitingRun("shop");
    billing = waitingRun("billing");

    WaitingRuns.Found found = WaitingRuns.find(checkout);

    assertThat(found.runs()).hasSize(2);
    assertThat(found.runs().get(0).socket()).startsWith(checkout.resolve("billing/target/reload-loop"));
    assertThat(found.runs().get(1).description()).contains(" in " + checkout.resolve("shop"));
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    AttachCommand command = new AttachCommand(new ByteArrayInputStream("2\n".getBytes(StandardCharsets.UTF_8)),
        new PrintStream(messages, true, StandardCharsets.UTF_8));
    assertThat(command.choose(found.runs())).isEqualTo(found.runs().get(1));
    assertThat(messages.toString(StandardCharsets.UTF_8))
        .contains("reload-loop: 2 test runs wait for a terminal:", "  1) pid ", "  2) pid ",
            "FAILED: shopTests > works()", "attach to which (1-2)? ");
  }

  @Test
  void aChoiceOutOfRange_attachesToNothing() throws Exception {
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    AttachCommand command = new AttachCommand(new ByteArrayInputStream("7\n".getBytes(StandardCharsets.UTF_8)),
        new PrintStream(messages, true, StandardCharsets.UTF_8));
    List<WaitingRuns.Run> runs = List.of(new WaitingRuns.Run(checkout.resolve("a"), "a"),
        new WaitingRuns.Run(checkout.resolve("b"), "b"));
    assertThat(command.choose(runs)).isNull();
    assertThat(messages.toString(StandardCharsets.UTF_8)).contains("no run chosen; type a number from 1 to 2");
  }

  @Test
  void socketOfAProcessThatIsGone_removedWithASay() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path directory = ConsoleSockets.directory(checkout.resolve("shop/target"), gone.pid());
    Files.createDirectories(directory);
    Files.writeString(directory.resolve(ConsoleSockets.SOCKET), "");

    WaitingRuns.Found found = WaitingRuns.find(checkout);

    assertThat(found.runs()).isEmpty();
    assertThat(found.removed()).containsExactly(directory);
    assertThat(directory).doesNotExist();
  }

  @Test
  void socketNobodyListensOn_isStale_andTheNextRunRemovesIt() throws Exception {
    Path build = checkout.resolve("shop/target");
    Path directory = ConsoleSockets.directory(build, ProcessHandle.current().pid());
    Files.createDirectories(directory);
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(ConsoleSockets.address(directory.resolve(ConsoleSockets.SOCKET)));
    } // Closed without removing its file, as a killed JVM leaves it.

    assertThat(ConsoleSockets.stale(directory)).isTrue();
    assertThat(ConsoleSockets.removeStale(build)).containsExactly(directory);
    assertThat(directory).doesNotExist();
  }

  @Test
  void directoryOfARunThatHasNotMadeItsSocketYet_isNotStale() throws Exception {
    Path directory = ConsoleSockets.directory(checkout.resolve("shop/target"), ProcessHandle.current().pid());
    Files.createDirectories(directory);
    assertThat(ConsoleSockets.stale(directory)).isFalse();
  }

  @Test
  void nothingWaiting_aboveTheModuleToo_findsNone_namedPathMissing_says() throws Exception {
    Files.createDirectories(checkout.resolve("shop/src/main/java"));
    assertThat(WaitingRuns.find(checkout.resolve("shop/src/main/java")).runs()).isEmpty();
    org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> WaitingRuns.find(checkout.resolve("nope")));
  }

  @Test
  void fromInsideTheModule_theRunIsFoundAbove() throws Exception {
    shop = waitingRun("shop");
    Files.createDirectories(checkout.resolve("shop/src/main/java"));
    assertThat(WaitingRuns.find(checkout.resolve("shop/src/main/java")).runs()).hasSize(1);
  }

  @Test
  void relay_keysAndOutputUntilTheDetachKey_thenUntilTheRunEnds() throws Exception {
    shop = waitingRun("shop");
    Path socket = WaitingRuns.find(checkout).runs().get(0).socket();

    PipedOutputStream typing = new PipedOutputStream();
    PipedInputStream keys = new PipedInputStream(typing);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Future<Relay.Outcome> session = threads.submit(() -> relay(socket, keys, screen));
    typing.write("sta".getBytes(StandardCharsets.UTF_8));
    typing.flush();
    while (!screen.toString(StandardCharsets.UTF_8).contains("reload> sta")) { // Bounded by the class timeout.
      TimeUnit.MILLISECONDS.sleep(10);
    }
    typing.write(Relay.DETACH_KEY);
    typing.flush();
    assertThat(session.get(20, TimeUnit.SECONDS).ending()).isEqualTo(Relay.Ending.DETACHED);
    assertThat(screen.toString(StandardCharsets.UTF_8)).contains("FAILED: shopTests > works()");

    PipedOutputStream more = new PipedOutputStream();
    PipedInputStream moreKeys = new PipedInputStream(more);
    Future<Relay.Outcome> again = threads.submit(() -> relay(socket, moreKeys, screen));
    more.write("tus\r".getBytes(StandardCharsets.UTF_8));
    more.flush();
    Relay.Outcome ended = null;
    while (ended == null) { // The run reads the line, then the test ends the run.
      if (screen.toString(StandardCharsets.UTF_8).contains("status")) {
        shop.close();
      }
      try {
        ended = again.get(10, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // Not yet.
      }
    }
    assertThat(ended).isEqualTo(new Relay.Outcome(Relay.Ending.ENDED, "the test run ended"));
  }

  private static Relay.Outcome relay(Path socket, java.io.InputStream keys, ByteArrayOutputStream screen)
      throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(ConsoleSockets.address(socket));
      Relay relay = new Relay(channel);
      relay.hello(80, 24);
      return relay.run(keys, screen);
    }
  }
}
