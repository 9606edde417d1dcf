package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import io.github.reloadloop.junit.internal.attach.ConsoleSockets;
import io.github.reloadloop.junit.internal.console.attach.TestClient;
import io.github.reloadloop.junit.internal.loop.LoopConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The loop with {@code reload.console=attach}: a real run of a failing test, its console served over the
 * socket, a client attached from another thread. The failure, the prompt, a reload and the auto-rerun come
 * over the socket; the run ends green and leaves no socket behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AttachLoopTests {

  private static final Duration SHOWN = Duration.ofSeconds(60);
  private static final String TEST = "CalculatorTest > totalAddsPrices()";

  @TempDir Path directory;
  private final ExecutorService run = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    run.shutdownNow();
  }

  @Test
  void attachedClient_seesTheFailure_aSavedFixRerunsGreen_theRunEndsAndRemovesTheSocket() throws Exception {
    TempProject project = ReloadLoopTests.calculatorProject(directory);
    Path calculator = project.main.resolve("shop/Calculator.java");
    Path socketDirectory = ConsoleSockets.directory(LoopConfiguration.moduleDirectory().resolve("target"),
        ProcessHandle.current().pid());

    Future<EngineExecutionResults> results = run.submit(() -> project.run("shop.CalculatorTest",
        new ScriptedConsole(), "reload.console", "attach", "reload.auto", "true"));
    Path socket = socketDirectory.resolve(ConsoleSockets.SOCKET);
    while (!waiting(socket)) { // The socket appears at the first failure; bounded by the class timeout.
      TimeUnit.MILLISECONDS.sleep(20);
    }

    try (TestClient client = TestClient.attach(socket)) {
      assertThat(client.awaitScreen("reload> ", SHOWN)).as(client.screen()).isTrue();
      assertThat(client.screen()).contains("FAILED: " + TEST, "expected: <6> but was: <9>");
      client.type("sta");
      TempProject.edit(calculator, "p -> p + 1", "p -> p");

      assertThat(client.awaitScreen("PASSED " + TEST + " after 1 rerun", SHOWN)).as(client.screen()).isTrue();
      assertThat(client.screen()).contains("reloaded 1 class", "auto: rerunning " + TEST);
      results.get(60, TimeUnit.SECONDS).testEvents().assertThatEvents()
          .haveExactly(1, event(test("totalAddsPrices"), finishedSuccessfully()));
      assertThat(client.awaitEnd(SHOWN)).isEqualTo("the test run ended");
    }
    assertThat(socketDirectory).doesNotExist();
  }

  private static boolean waiting(Path socket) {
    try {
      return Files.exists(socket) && TestClient.probe(socket).contains("waiting at");
    } catch (java.io.IOException e) {
      return false; // Made, not yet listening: the next look finds it ready.
    }
  }
}
