package io.github.reloadloop.benchmarks;

import io.github.reloadloop.junit.testkit.AffectedTests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Selecting the tests a reload affects (issue 12: under 100 ms for a 1,000-class, 2,000-test project):
 * after a class is reloaded, which test classes reach it through the class-dependency graph that
 * revalidation, {@code verify} and the fresh-loader decision use. The graph is read once (cold: the first
 * selection of a run); each measured selection then forgets the reloaded class, reads it again and walks the
 * graph from every one of the 200 test classes, as revalidation does.
 */
final class RevalidationSelection implements Benchmark {

  private static final int TEST_CLASSES = 200;
  private static final int MAIN_CLASSES = 1000;
  private static final int SELECTIONS = 120;

  private final Path workDirectory;

  RevalidationSelection(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "selection";
  }

  @Override
  public List<String> cases(boolean quick) {
    return List.of("2000-tests");
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    // Core and Rare plus 998 fillers: 1,000 main classes; 200 test classes of 10 tests: 2,000 tests.
    SuiteProject project = SuiteProject.create(workDirectory.resolve("selection"), TEST_CLASSES, MAIN_CLASSES - 2,
        null);
    List<String> testClasses = new ArrayList<>();
    for (int k = 0; k < TEST_CLASSES; k++) {
      testClasses.add("bench.suite." + SuiteProject.testClassName(k));
    }
    AffectedTests graph = AffectedTests.over(List.of(project.classes, project.testClasses));
    long coldStart = System.nanoTime();
    int coldReached = select(graph, testClasses, "bench.suite.Core");
    double coldMs = (System.nanoTime() - coldStart) / 1e6;
    List<Double> millis = new ArrayList<>();
    List<Integer> reached = new ArrayList<>();
    for (int i = 0; i < SELECTIONS; i++) {
      String changed = i % 4 == 0 ? "bench.suite.Core" : i % 4 == 1 ? "bench.suite.Rare"
          : "bench.suite.F" + (i * 37 % (MAIN_CLASSES - 2));
      long start = System.nanoTime();
      graph.changed(List.of(changed));
      int count = select(graph, testClasses, changed);
      millis.add((System.nanoTime() - start) / 1e6);
      reached.add(count * SuiteProject.TESTS_PER_CLASS);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("class_files", project.classFileCount());
    out.put("tests", TEST_CLASSES * SuiteProject.TESTS_PER_CLASS);
    out.put("cold_ms", coldMs);
    out.put("cold_tests_selected", coldReached * SuiteProject.TESTS_PER_CLASS);
    out.put("selection_ms", millis);
    out.put("tests_selected", reached);
    out.put("load_average", Environment.loadAverage());
    return out;
  }

  /** How many test classes reach {@code changed}. */
  private static int select(AffectedTests graph, List<String> testClasses, String changed) {
    int count = 0;
    for (String testClass : testClasses) {
      if (graph.reaches(testClass, Set.of(changed))) {
        count++;
      }
    }
    return count;
  }

  @Override
  @SuppressWarnings("unchecked")
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    Map<String, Object> figures = cases.values().iterator().next();
    List<Double> millis = ((List<Number>) figures.get("selection_ms")).stream().map(Number::doubleValue).toList();
    double p50 = Stats.p50(millis);
    double p95 = Stats.p95(millis);
    double cold = ((Number) figures.get("cold_ms")).doubleValue();
    results.put("selection_after_reload_p50_ms", p50);
    results.put("selection_after_reload_p95_ms", p95);
    results.put("selection_cold_ms", cold);
    results.put("selection_detail", figures);
    MarkdownTable table = new MarkdownTable("measure", "result", "target");
    table.row("select the tests a reload affects, 1,000 classes / 2,000 tests, p50 (p95)",
        String.format(Locale.ROOT, "%.1f (%.1f) ms", p50, p95), "< 100 ms");
    table.row("the first selection of a run (reads every class file it reaches)",
        String.format(Locale.ROOT, "%.0f ms", cold), "");
    return "### Selecting the tests a reload affects\n\n" + table.render();
  }
}
