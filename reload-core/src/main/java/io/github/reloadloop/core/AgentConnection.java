package io.github.reloadloop.core;

import io.github.reloadloop.core.internal.redefine.AgentLoader;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reloader's agent, loaded on a daemon thread of its own so that start is not held up: the instrumentation
 * once loaded, where it came from, and the clean-up of what a dynamic attach leaves behind. A held reloader's
 * agent is {@linkplain #deferred deferred}: nothing is loaded (on JDK 21+ a dynamic load prints a warning) until
 * {@link #begin()}.
 */
final class AgentConnection {

  /** How long {@link #awaitLoad()} waits for a load in progress. */
  static final Duration LOAD_WAIT = Duration.ofSeconds(5);

  private final ReloadListener listener;
  /** The load, once begun. */
  private volatile CompletableFuture<AgentLoader.Agent> agent;
  private volatile String source = "not loaded: the reloader is held";

  private AgentConnection(ReloadListener listener) {
    this.listener = listener;
  }

  /** Begins loading the agent now. */
  static AgentConnection start(ReloadListener listener) {
    AgentConnection connection = new AgentConnection(listener);
    connection.begin();
    return connection;
  }

  /** Loads nothing until {@link #begin()}. */
  static AgentConnection deferred(ReloadListener listener) {
    return new AgentConnection(listener);
  }

  /** Begins loading the agent on its thread, unless that has begun already. */
  synchronized void begin() {
    if (agent == null) {
      source = "loading";
      agent = CompletableFuture.supplyAsync(() -> load(listener), r -> Threads.daemon(r, "reload-loop-agent").start());
    }
  }

  private AgentLoader.Agent load(ReloadListener listener) {
    try {
      AgentLoader.Agent loaded = AgentLoader.load();
      AgentLoader.prepare(loaded.instrumentation());
      source = loaded.source();
      return loaded;
    } catch (IllegalStateException e) {
      source = "unavailable: " + e.getMessage();
      listener.warning(e.getMessage());
      return null;
    }
  }

  /** The JVM's instrumentation, waiting for the load; {@code null} when the agent cannot be loaded. */
  Instrumentation instrumentation() {
    begin(); // A deferred agent is needed now after all.
    AgentLoader.Agent loaded = agent.join();
    return loaded == null ? null : loaded.instrumentation();
  }

  /** Waits up to {@link #LOAD_WAIT} for a load begun; its failure is told where it happens. */
  void awaitUsable() {
    CompletableFuture<AgentLoader.Agent> agent = this.agent;
    if (agent == null) {
      return;
    }
    try {
      agent.get(LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Not loaded in time, or failed (told when it failed): the callers go on without it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The JVM's instrumentation if the agent is loaded by now; {@code null} while loading or when it failed. */
  Instrumentation loaded() {
    CompletableFuture<AgentLoader.Agent> agent = this.agent;
    if (agent == null) {
      return null;
    }
    AgentLoader.Agent loaded = agent.isDone() && !agent.isCompletedExceptionally() ? agent.join() : null;
    return loaded == null ? null : loaded.instrumentation();
  }

  /** {@code loading}, {@code -javaagent}, {@code dynamic attach (Byte Buddy)} or why it is unavailable. */
  String source() {
    return source;
  }

  /**
   * Waits, bounded, for a load in progress: a dynamic attach leaves {@code .attach_pid<pid>} in the working
   * directory until it ends, and a JVM that exits first keeps the file there. A file left by an attach that
   * did not end in time is removed.
   *
   * @return what went wrong, for the listeners
   */
  List<String> awaitLoad() {
    if (agent == null) {
      return List.of(); // Never begun: nothing to wait for, no attach file.
    }
    awaitUsable(); // Loaded, failed or not in time: the attach file is checked below either way.
    if ("-javaagent".equals(source)) {
      return List.of();
    }
    Path attachFile = Path.of(System.getProperty("user.dir"), ".attach_pid" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(attachFile);
      return List.of();
    } catch (IOException e) {
      return List.of("cannot remove " + attachFile + ": " + e.getMessage());
    }
  }
}
