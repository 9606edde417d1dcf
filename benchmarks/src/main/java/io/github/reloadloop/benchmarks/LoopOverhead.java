package io.github.reloadloop.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the loop costs a passing run: {@code mvn -o -q test} on a generated passing project
 * ({@link ShopProject} without the bug), with and without {@code -Dreload.loop=true}, alternating, each
 * under a pseudo-terminal ({@code script}), since the loop only starts (agent, watcher, compiler warm-up)
 * when the build has a terminal. Every run with the loop is checked: the Surefire report lists the
 * auto-detection property naming ReloadLoop, and nothing says "the loop is off".
 */
final class LoopOverhead implements Benchmark {

  private static final String EXTENSION = "io.github.reloadloop.junit.ReloadLoop";
  private static final String INCLUDE = "junit.jupiter.extensions.autodetection.include";
  private static final String OFF = "the loop is off";

  /** The 40-test suite: what loop_overhead_ratio is computed from. */
  private static final String SHOP = "shop";
  /** The same plus one test that sleeps (full runs only): shows which part of the cost is fixed. */
  private static final String SHOP_IDLE = "shop-idle";
  private static final int IDLE_MS = 2500;

  private final Path workDirectory;

  LoopOverhead(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "overhead";
  }

  @Override
  public List<String> cases(boolean quick) {
    return quick ? List.of(SHOP) : List.of(SHOP, SHOP_IDLE);
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    int runs = quick ? 2 : 5;
    boolean idle = caseName.equals(SHOP_IDLE);
    ShopProject project = ShopProject.create(workDirectory.resolve("overhead-" + caseName), false, idle ? IDLE_MS : 0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("load_average_start", Environment.loadAverage());
    // Compiles everything (and, in a full run, runs the suite once to warm the disk cache), so that the timed
    // runs only run the tests.
    out.put("warm_up_ms", project.mavenExpecting(0, true, "-o", "-q", quick ? "test-compile" : "test").ms());
    List<Double> without = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    List<String> order = new ArrayList<>();
    List<Double> withoutTests = new ArrayList<>();
    List<Double> withTests = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      for (boolean loop : run % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
        ShopProject.MavenRun result = loop
            ? project.mavenExpecting(0, true, "-o", "-q", "test", "-Dreload.loop=true")
            : project.mavenExpecting(0, true, "-o", "-q", "test");
        check(project, result, loop);
        (loop ? with : without).add(result.ms());
        (loop ? withTests : withoutTests).add(project.reportedTestMs());
        order.add(loop ? "with" : "without");
        System.err.printf("[benchmarks]   overhead run %d %s the loop: %.0f ms%n", run + 1, loop ? "with" : "without",
            result.ms());
      }
    }
    out.put("how", "mvn -o -q test [-Dreload.loop=true] under script -qec ... /dev/null (a pseudo-terminal), "
        + "wall time end to end; with the loop, the Surefire XML lists " + INCLUDE + "=" + EXTENSION
        + " and no output says '" + OFF + "' (checked on every run)");
    out.put("tests", ShopProject.TESTS + (idle ? 1 : 0));
    if (idle) {
      out.put("idle_test_ms", IDLE_MS);
    }
    out.put("runs_each", runs);
    if (quick) {
      out.put("note", "--quick: " + runs + " runs each; the median of two is the faster one (nearest rank)");
    }
    out.put("order", order);
    out.put("without_ms", without);
    out.put("with_ms", with);
    out.put("without_surefire_test_time_ms", withoutTests);
    out.put("with_surefire_test_time_ms", withTests);
    out.put("loop_started_every_run", true);
    out.put("load_average_end", Environment.loadAverage());
    return out;
  }

  /** Throws unless the loop was on exactly when asked for (and started, not "off" for want of a terminal). */
  private static void check(ShopProject project, ShopProject.MavenRun result, boolean loop) throws Exception {
    String include = project.reportedProperty(ShopProject.TEST_CLASS, INCLUDE);
    boolean registered = EXTENSION.equals(include);
    boolean off = result.output().contains(OFF) || project.reportsMention(OFF);
    if (loop && (!registered || off)) {
      throw new IllegalStateException("the loop did not start (" + INCLUDE + "=" + include + ", '" + OFF + "' "
          + (off ? "found" : "not found") + "):\n" + ShopProject.tail(result.output(), 3000));
    }
    if (!loop && registered) {
      throw new IllegalStateException("ReloadLoop was registered in a run without -Dreload.loop=true");
    }
  }

  @Override
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    MarkdownTable table = new MarkdownTable("mvn -o -q test, under a pty", "without (ms)", "with -Dreload.loop=true (ms)",
        "ratio", "extra (ms)", "paired extra p50 (ms)", "Surefire test time without / with (ms)", "runs each");
    Map<String, Object> details = new LinkedHashMap<>();
    String summary = "";
    for (Map.Entry<String, Map<String, Object>> entry : cases.entrySet()) {
      Map<String, Object> raw = entry.getValue();
      List<Double> without = FixToGreen.doubles(raw.get("without_ms"));
      List<Double> with = FixToGreen.doubles(raw.get("with_ms"));
      double withoutMedian = Stats.p50(without);
      double withMedian = Stats.p50(with);
      double ratio = withMedian / withoutMedian;
      double extra = withMedian - withoutMedian;
      // Runs alternate, so run i with and without the loop ran next to each other: their difference is less
      // coloured by the machine's load drifting over the minutes of the benchmark.
      List<Double> paired = new java.util.ArrayList<>();
      for (int i = 0; i < Math.min(with.size(), without.size()); i++) {
        paired.add(with.get(i) - without.get(i));
      }
      boolean met = ratio <= 1.10 || extra <= 500;
      double testsWithout = Stats.p50(FixToGreen.doubles(raw.get("without_surefire_test_time_ms")));
      double testsWith = Stats.p50(FixToGreen.doubles(raw.get("with_surefire_test_time_ms")));
      Map<String, Object> detail = new LinkedHashMap<>(raw);
      detail.put("without_median_ms", withoutMedian);
      detail.put("with_median_ms", withMedian);
      detail.put("ratio", ratio);
      detail.put("extra_ms", extra);
      detail.put("paired_extra_ms", paired);
      detail.put("paired_extra_median_ms", Stats.p50(paired));
      detail.put("without_surefire_test_time_median_ms", testsWithout);
      detail.put("with_surefire_test_time_median_ms", testsWith);
      detail.put("target", "ratio <= 1.10 or extra <= 500 ms");
      detail.put("target_met", met);
      details.put(entry.getKey(), detail);
      String label = entry.getKey().equals(SHOP_IDLE)
          ? ShopProject.TESTS + " tests + one idle " + IDLE_MS + " ms" : ShopProject.TESTS + " tests";
      table.row(label, MarkdownTable.ms(withoutMedian), MarkdownTable.ms(withMedian),
          String.format(java.util.Locale.ROOT, "%.3f", ratio), String.format(java.util.Locale.ROOT, "%+.0f", extra),
          String.format(java.util.Locale.ROOT, "%+.0f", Stats.p50(paired)),
          MarkdownTable.ms(testsWithout) + " / " + MarkdownTable.ms(testsWith), without.size());
      if (entry.getKey().equals(SHOP)) {
        results.put("loop_overhead_ratio", ratio);
        summary = String.format(java.util.Locale.ROOT,
            "%nloop_overhead_ratio (%d tests) = %.3f (%+.0f ms; target ≤ 1.10 or ≤ +500 ms: %s); medians of"
                + " alternating runs; median difference within a pair of neighbouring runs: %+.0f ms%n",
            ShopProject.TESTS, ratio, extra, met ? "met" : "NOT met", Stats.p50(paired));
      }
    }
    results.put("loop_overhead_detail", details);
    return "### Loop overhead on a passing run\n\n" + table.render() + summary;
  }
}
