package io.github.reloadloop.junit.loop;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.core.ReloadStatus;
import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.TtyConsoleFactory;
import io.github.reloadloop.junit.rerun.FreshClassLoader;
import io.github.reloadloop.junit.rerun.RerunOutcome;
import io.github.reloadloop.junit.rerun.TestRerunner;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything the loop keeps for one test run: the reloader on the source roots, the console (opened at
 * the first failure), whose turn it is at the console, and whether the user aborted. Lives in the root
 * {@code ExtensionContext.Store} and is closed with it at the end of the run.
 *
 * <p>It is both {@link AutoCloseable} and a {@link ExtensionContext.Store.CloseableResource}: Jupiter 5.10
 * to 5.12 close only {@code CloseableResource} values; 5.13 and later close an {@code AutoCloseable} value
 * (once, even if it is both) and fall back to {@code CloseableResource} when the user switched that off
 * ({@code junit.jupiter.extensions.store.close.autocloseable.enabled=false}).
 */
public final class LoopSession implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  private final LoopConfiguration configuration;
  private final ConsoleFactory consoleFactory;
  private final String inactiveReason;
  private final AutoReloader reloader;
  private final ReentrantLock turn = new ReentrantLock(true);
  private final Set<String> passedByRerun = ConcurrentHashMap.newKeySet();
  private final TestRerunner rerunner = new TestRerunner(Map.of(LoopConfiguration.RERUN, "true"));
  private volatile LoopConsole console;
  private volatile boolean aborted;
  private FreshClassLoader freshLoader;
  private int freshLoaderReloads = -1;
  private int freshGenerations;

  private LoopSession(LoopConfiguration configuration, ConsoleFactory consoleFactory, String inactiveReason,
      AutoReloader reloader) {
    this.configuration = configuration;
    this.consoleFactory = consoleFactory;
    this.inactiveReason = inactiveReason;
    this.reloader = reloader;
  }

  /**
   * Starts the session: checks for a terminal and, when there is one, starts the reloader so that it
   * warms up while the tests run. Without a terminal, says so in one line and stays inactive.
   */
  public static LoopSession start(LoopConfiguration configuration, Function<String, Optional<String>> parameters) {
    ConsoleFactory factory = consoleFactory(configuration.consoleFactory(), parameters);
    String reason = factory.unavailableReason();
    if (reason == null && configuration.sourceRoots().isEmpty()) {
      reason = "no source directory found (" + LoopConfiguration.DIRS + "="
          + (configuration.missingRoots().isEmpty() ? LoopConfiguration.DEFAULT_DIRS : configuration.missingRoots())
          + " relative to " + LoopConfiguration.moduleDirectory() + ")";
    }
    if (reason != null) {
      System.err.println("reload-loop: the loop is off, failures are reported normally: " + reason);
      return new LoopSession(configuration, factory, reason, null);
    }
    LoopSession[] self = new LoopSession[1];
    ReloadListener toConsole = new ConsoleReloadListener(() -> self[0] == null ? null : self[0].console);
    AutoReloader reloader = AutoReloader.builder()
        .sourceRoots(configuration.sourceRoots().toArray(java.nio.file.Path[]::new))
        .compiler(configuration.compiler())
        .reporter(ReloadListener.NONE)
        .listener(toConsole)
        .start();
    self[0] = new LoopSession(configuration, factory, null, reloader);
    if (!configuration.missingRoots().isEmpty()) {
      System.err.println("reload-loop: not watching missing directories " + configuration.missingRoots());
    }
    return self[0];
  }

  /** Whether failures enter the loop. */
  public boolean active() {
    return inactiveReason == null && !aborted;
  }

  /** Whether this test already passed in a rerun, so its original invocation must not run again. */
  public boolean passedByRerun(String uniqueId) {
    return passedByRerun.contains(uniqueId);
  }

  void markPassedByRerun(String uniqueId) {
    passedByRerun.add(uniqueId);
  }

  void abort() {
    aborted = true;
  }

  LoopConfiguration configuration() {
    return configuration;
  }

  /** The run's reloader, {@code null} when the loop is off. */
  public AutoReloader reloader() {
    return reloader;
  }

  ReentrantLock turn() {
    return turn;
  }

  /** The console, opened on first use. */
  LoopConsole console() throws IOException {
    if (console == null) {
      console = consoleFactory.open();
    }
    return console;
  }

  /**
   * Reruns a test. When some classes changed shape and could not be redefined, the rerun loads project
   * classes from a fresh class loader; it is reused until the next reload, so one loader per change.
   */
  public RerunOutcome rerun(String uniqueId, ClassLoader current) {
    return rerunner.rerun(uniqueId, loaderForRerun(current));
  }

  /** Classes whose newest version is not running in the original class loader, or an empty set. */
  public Set<String> staleClasses() {
    return reloader == null ? Set.of() : reloader.status().refused().keySet();
  }

  /** The class loader the next rerun uses: {@code current}, or a fresh one while some class is stale. */
  public synchronized ClassLoader loaderForRerun(ClassLoader current) {
    ReloadStatus status = reloader.status();
    if (status.refused().isEmpty()) {
      return current;
    }
    if (freshLoader == null || freshLoaderReloads != status.reloads()) {
      closeFreshLoader();
      freshLoader = new FreshClassLoader(status.outputDirectories().values(), current, ++freshGenerations);
      freshLoaderReloads = status.reloads();
    }
    return freshLoader;
  }

  private void closeFreshLoader() {
    if (freshLoader != null) {
      try {
        freshLoader.close();
      } catch (IOException e) {
        System.err.println("reload-loop: closing a fresh class loader failed: " + e.getMessage());
      }
      freshLoader = null;
    }
  }

  @Override
  public synchronized void close() {
    closeFreshLoader();
    if (reloader != null) {
      reloader.close();
    }
    if (console != null) {
      console.close();
    }
  }

  /**
   * The console factory named by {@code reload.console}: {@code tty}, or a {@link ConsoleFactory} class with
   * a public constructor taking the configuration parameters (a {@code Function<String, Optional<String>>})
   * or none.
   */
  private static ConsoleFactory consoleFactory(String name, Function<String, Optional<String>> parameters) {
    if (name.equals("tty")) {
      return new TtyConsoleFactory();
    }
    try {
      Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
      if (!ConsoleFactory.class.isAssignableFrom(type)) {
        throw new ClassCastException(name + " does not implement " + ConsoleFactory.class.getName());
      }
      try {
        return (ConsoleFactory) type.getConstructor(Function.class).newInstance(parameters);
      } catch (NoSuchMethodException e) {
        return (ConsoleFactory) type.getConstructor().newInstance();
      }
    } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException | InstantiationException
        | IllegalAccessException | InvocationTargetException e) {
      throw new ExtensionConfigurationException(LoopConfiguration.CONSOLE + "=" + name
          + " is not usable: use tty or the name of a ConsoleFactory class with a public constructor"
          + " taking the configuration parameters or none (" + e + ")", e);
    }
  }
}
