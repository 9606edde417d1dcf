package io.github.reloadloop.junit.internal.engine;

import io.github.reloadloop.junit.internal.loop.LoopConfiguration;
import io.github.reloadloop.junit.internal.loop.LoopSession;
import io.github.reloadloop.junit.internal.loop.RunRegistry;
import java.util.Locale;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * The {@code reload-loop} test engine. It discovers no tests; executed after the Jupiter engine (its service
 * file lists Jupiter's engine first, so that the launcher orders them so whatever the class path order),
 * it ends the loop's session of the run: revalidates tests that passed before a reload, and reports the
 * tests that ran in a fresh class loader and the revalidated ones under their original names. With the
 * loop off it does nothing.
 */
public final class ReloadLoopEngine implements TestEngine {

  /** The engine's id. */
  public static final String ID = "reload-loop";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    var parameters = request.getConfigurationParameters();
    boolean loop = parameters.get(LoopConfiguration.LOOP).map(ReloadLoopEngine::isTrue).orElse(false);
    boolean rerun = parameters.get(LoopConfiguration.RERUN).map(ReloadLoopEngine::isTrue).orElse(false);
    RunRegistry.Ticket ticket = loop && !rerun ? RunRegistry.expectEndOfRunEngine() : null;
    return new Root(uniqueId, ticket);
  }

  @Override
  public void execute(ExecutionRequest request) {
    EngineExecutionListener listener = request.getEngineExecutionListener();
    TestDescriptor root = request.getRootTestDescriptor();
    listener.executionStarted(root);
    LoopSession session = root instanceof Root own ? RunRegistry.claim(own.ticket) : null;
    if (session == null) {
      listener.executionFinished(root, TestExecutionResult.successful());
      return;
    }
    try {
      Replay replay = new Replay(listener, root);
      session.endOfRun(replay::report);
      listener.executionFinished(root, TestExecutionResult.successful());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      listener.executionFinished(root, TestExecutionResult.aborted(e));
    } catch (RuntimeException | LinkageError e) {
      listener.executionFinished(root, TestExecutionResult.failed(e));
    } finally {
      session.close();
    }
  }

  private static boolean isTrue(String value) {
    String trimmed = value.trim().toLowerCase(Locale.ROOT);
    return trimmed.isEmpty() || trimmed.equals("true");
  }

  /** The engine's root, holding the ticket for the session of its launcher run. */
  private static final class Root extends EngineDescriptor {
    private final RunRegistry.Ticket ticket;

    Root(UniqueId uniqueId, RunRegistry.Ticket ticket) {
      super(uniqueId, "reload-loop");
      this.ticket = ticket;
    }
  }
}
