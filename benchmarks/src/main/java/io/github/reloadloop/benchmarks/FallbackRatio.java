package io.github.reloadloop.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * The rest of a long suite after a schema-changing fix early in the run, against the same suite's plain time
 * (issue 10: at most 1.5x). A generated suite of 100 test classes (1,000 tests, {@link SuiteProject}) runs
 * through a real launcher (Jupiter, then reload-loop's engine) in one JVM per run: {@code plain} without
 * the loop; {@code core} with the loop, where the first test fails and its fix adds a method to {@code Core},
 * which 95 of the 100 test classes reach, so they run in a fresh class loader; {@code rare} the same with
 * {@code Rare}, which 5 reach. Timed from the end of the first test class (the fix and its rerun are over) to
 * the end of the run, the end-of-run engine included.
 */
final class FallbackRatio implements Benchmark {

  private static final int TEST_CLASSES = 100;
  private static final int FILLERS = 200;
  private static final int RUNS = 3;

  private final Path workDirectory;

  FallbackRatio(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "fallback";
  }

  @Override
  public List<String> cases(boolean quick) {
    List<String> cases = new ArrayList<>();
    for (int run = 1; run <= (quick ? 1 : RUNS); run++) {
      for (String kind : List.of("plain", "core", "rare")) {
        cases.add(kind + "-" + run);
      }
    }
    return cases;
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    String kind = caseName.substring(0, caseName.indexOf('-'));
    String bugIn = kind.equals("rare") ? "Rare" : "Core";
    Path directory = workDirectory.resolve("fallback-" + caseName);
    SuiteProject project = SuiteProject.create(directory, TEST_CLASSES, FILLERS, kind.equals("plain") ? null : bugIn);
    Map<String, String> parameters = new HashMap<>();
    if (!kind.equals("plain")) {
      // As mvn test -Dreload.loop=true does: ReloadLoop auto-detected, no annotation on the test classes.
      System.setProperty("junit.jupiter.extensions.autodetection.enabled", "true");
      System.setProperty("junit.jupiter.extensions.autodetection.include", "io.github.reloadloop.junit.ReloadLoop");
      parameters.putAll(Map.of("reload.loop", "true", "reload.dir", project.main + "," + project.test,
          "reload.console", FixingConsoleFactory.class.getName(), "bench.fix.class", bugIn,
          "bench.project", directory.toString()));
    }
    Timer timer = new Timer();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {project.testClasses.toUri().toURL(), project.classes.toUri().toURL()},
        FallbackRatio.class.getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      List<DiscoverySelector> selectors = new ArrayList<>();
      for (int k = 0; k < TEST_CLASSES; k++) {
        selectors.add(selectClass(loader.loadClass("bench.suite." + SuiteProject.testClassName(k))));
      }
      long start = System.nanoTime();
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors)
          .configurationParameters(parameters).build(), timer);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("kind", kind);
      out.put("whole_run_ms", (timer.end.get() - start) / 1e6);
      out.put("rest_of_suite_ms", (timer.end.get() - timer.firstClassEnd.get()) / 1e6);
      out.put("tests_passed", timer.passed.get());
      out.put("tests_failed", timer.failed.get());
      out.put("classes_in_fresh_loader", FixingConsoleFactory.SHOWN.stream()
          .filter(line -> line.contains("in a fresh class loader (")).count());
      out.put("later_failures", List.copyOf(FixingConsoleFactory.LATER_PROMPTS));
      out.put("load_average", Environment.loadAverage());
      return out;
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    Map<String, List<Double>> rest = new LinkedHashMap<>();
    cases.values().forEach(c -> rest.computeIfAbsent((String) c.get("kind"), k -> new ArrayList<>())
        .add(((Number) c.get("rest_of_suite_ms")).doubleValue()));
    double plain = Stats.p50(rest.getOrDefault("plain", List.of()));
    Map<String, Object> ratios = new LinkedHashMap<>();
    ratios.put("most", Stats.p50(rest.getOrDefault("core", List.of())) / plain);
    ratios.put("few", Stats.p50(rest.getOrDefault("rare", List.of())) / plain);
    results.put("fallback_rest_of_suite_ratio", ratios);
    results.put("fallback_detail", cases);
    MarkdownTable table = new MarkdownTable("case", "rest of the suite, p50", "ratio to plain", "classes in a fresh loader",
        "tests passed / failed");
    for (String kind : List.of("plain", "core", "rare")) {
      Map<String, Object> sample = cases.values().stream().filter(c -> kind.equals(c.get("kind"))).findFirst()
          .orElse(Map.of());
      double p50 = Stats.p50(rest.getOrDefault(kind, List.of()));
      table.row(switch (kind) {
        case "plain" -> "plain run (no loop), 1,000 tests";
        case "core" -> "schema change to a class 95 of 100 test classes reach";
        default -> "schema change to a class 5 of 100 test classes reach";
      }, String.format(Locale.ROOT, "%.0f ms", p50), String.format(Locale.ROOT, "%.2f", p50 / plain),
          String.valueOf(sample.getOrDefault("classes_in_fresh_loader", "")),
          sample.getOrDefault("tests_passed", "") + " / " + sample.getOrDefault("tests_failed", ""));
    }
    return "### Fallback: the rest of a 1,000-test suite after a schema-changing fix (target: at most 1.5x plain)\n\n"
        + table.render();
  }

  /** Times the end of the first test class and of the run, and counts results (both engines). */
  private static final class Timer implements TestExecutionListener {
    final AtomicLong firstClassEnd = new AtomicLong();
    final AtomicLong end = new AtomicLong();
    final AtomicInteger passed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();

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
}
