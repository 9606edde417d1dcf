package io.github.reloadloop.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rest of a long suite after a schema-changing fix early in the run, against the same suite's plain time
 * (issue 10: at most 1.5x). A generated suite of 100 test classes (1,000 tests, {@link SuiteProject}) runs
 * through a real launcher (Jupiter, then reload-loop's engine) in one JVM per run: {@code plain} without
 * the loop; {@code core} with the loop, where the first test fails and its fix adds a method to {@code Core},
 * which 95 of the 100 test classes reach, so they run in a fresh class loader; {@code rare} the same with
 * {@code Rare}, which 5 reach. Timed from the end of the first test class (the fix and its rerun are over) to
 * the end of the run, the end-of-run engine included. {@code inplace}: the fix of {@code Core} adds a private
 * method and a lambda instead, which is changed in place: no class needs a fresh loader (issue 28: 1.0x).
 */
final class FallbackRatio implements Benchmark {

  private static final int TEST_CLASSES = 100;
  private static final int FILLERS = 200;
  private static final int RUNS = 7;

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
      for (String kind : List.of("plain", "core", "rare", "inplace")) {
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
      SuiteRun.autoDetectReloadLoop(); // No annotation on the test classes, as with mvn test -Dreload.loop=true.
      parameters.putAll(Map.of("reload.loop", "true", "reload.dir", project.main + "," + project.test,
          "reload.console", FixingConsoleFactory.class.getName(), "bench.fix.class", bugIn,
          "bench.project", directory.toString(), "bench.fix.inplace", String.valueOf(kind.equals("inplace"))));
    }
    SuiteRun run = SuiteRun.run(project, TEST_CLASSES, parameters);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", kind);
    out.put("whole_run_ms", run.wholeRunMs());
    out.put("rest_of_suite_ms", run.restOfSuiteMs());
    out.put("tests_passed", run.passed.get());
    out.put("tests_failed", run.failed.get());
    out.put("classes_in_fresh_loader", FixingConsoleFactory.SHOWN.stream()
        .filter(line -> line.contains("in a fresh class loader (")).count());
    out.put("later_failures", List.copyOf(FixingConsoleFactory.LATER_PROMPTS));
    out.put("load_average", Environment.loadAverage());
    return out;
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
    ratios.put("in_place", Stats.p50(rest.getOrDefault("inplace", List.of())) / plain);
    results.put("fallback_rest_of_suite_ratio", ratios);
    results.put("fallback_detail", cases);
    MarkdownTable table = new MarkdownTable("case", "rest of the suite, p50", "ratio to plain", "classes in a fresh loader",
        "tests passed / failed");
    for (String kind : List.of("plain", "core", "rare", "inplace")) {
      Map<String, Object> sample = cases.values().stream().filter(c -> kind.equals(c.get("kind"))).findFirst()
          .orElse(Map.of());
      double p50 = Stats.p50(rest.getOrDefault(kind, List.of()));
      table.row(switch (kind) {
        case "plain" -> "plain run (no loop), 1,000 tests";
        case "core" -> "schema change to a class 95 of 100 test classes reach";
        case "inplace" -> "private method and lambda added to that class, changed in place";
        default -> "schema change to a class 5 of 100 test classes reach";
      }, String.format(Locale.ROOT, "%.0f ms", p50), String.format(Locale.ROOT, "%.2f", p50 / plain),
          String.valueOf(sample.getOrDefault("classes_in_fresh_loader", "")),
          sample.getOrDefault("tests_passed", "") + " / " + sample.getOrDefault("tests_failed", ""));
    }
    return "### Fallback: the rest of a 1,000-test suite after a schema-changing fix (target: at most 1.5x plain)\n\n"
        + table.render();
  }
}
