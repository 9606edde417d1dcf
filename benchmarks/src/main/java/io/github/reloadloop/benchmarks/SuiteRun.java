package io.github.reloadloop.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One run of a {@link SuiteProject}'s test classes through a real launcher in this JVM (Jupiter, then
 * reload-loop's end-of-run engine), loaded by a class loader over its class directories: when it started,
 * when the first test class ended and when the run ended, and how many tests passed and failed.
 */
final class SuiteRun implements TestExecutionListener {

  final AtomicLong firstClassEnd = new AtomicLong();
  final AtomicLong end = new AtomicLong();
  final AtomicInteger passed = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  private long start;

  private SuiteRun() {}

  /** Switches on Jupiter's auto-detection of ReloadLoop alone, as {@code mvn test -Dreload.loop=true} does. */
  static void autoDetectReloadLoop() {
    System.setProperty("junit.jupiter.extensions.autodetection.enabled", "true");
    System.setProperty("junit.jupiter.extensions.autodetection.include", "io.github.reloadloop.junit.ReloadLoop");
  }

  /** Runs the first {@code testClasses} test classes of {@code project} with these configuration parameters. */
  static SuiteRun run(SuiteProject project, int testClasses, Map<String, String> parameters) throws Exception {
    SuiteRun run = new SuiteRun();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {project.testClasses.toUri().toURL(), project.classes.toUri().toURL()},
        SuiteRun.class.getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      List<DiscoverySelector> selectors = new ArrayList<>();
      for (int k = 0; k < testClasses; k++) {
        selectors.add(selectClass(loader.loadClass("bench.suite." + SuiteProject.testClassName(k))));
      }
      run.start = System.nanoTime();
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors)
          .configurationParameters(parameters).build(), run);
      return run;
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** From the launcher's {@code execute} to the end of the test plan. */
  double wholeRunMs() {
    return (end.get() - start) / 1e6;
  }

  /** From the end of the first test class ({@link SuiteProject#FAILING_CLASS}) to the end of the test plan. */
  double restOfSuiteMs() {
    return (end.get() - firstClassEnd.get()) / 1e6;
  }

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    if (identifier.isTest()) {
      (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed).incrementAndGet();
    } else if (firstClassEnd.get() == 0 && identifier.getSource().filter(s -> s instanceof ClassSource c
        && c.getClassName().equals(SuiteProject.FAILING_CLASS)).isPresent()) {
      firstClassEnd.set(System.nanoTime());
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    end.set(System.nanoTime());
  }
}
