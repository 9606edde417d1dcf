package io.github.reloadloop.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an active loop costs a big passing suite (issue 13: at most 5 %): a generated suite of 200 test
 * classes, 2,000 tests, none failing ({@link SuiteProject}), run through a real launcher (Jupiter, then
 * reload-loop's engine) in a fresh JVM per run, alternately without the loop and with it (auto-detected as
 * {@code -Dreload.loop=true} does, with a console that is always available, so that the loop is active and a
 * failure would stop there). Timed from the launcher's {@code execute} to the end of the test plan; the
 * process's CPU time over the same span shows what the loop's work adds, whether or not it delays the tests.
 */
final class SuiteOverhead implements Benchmark {

  private static final int TEST_CLASSES = 200;
  private static final int FILLERS = 200;
  private static final int PAIRS = 6;
  private static final int QUICK_PAIRS = 1;

  private final Path workDirectory;

  SuiteOverhead(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "suite-overhead";
  }

  /** Pairs in the order off, on, on, off, off, on, ...: each kind runs as often first as second. */
  @Override
  public List<String> cases(boolean quick) {
    List<String> cases = new ArrayList<>();
    for (int pair = 1; pair <= (quick ? QUICK_PAIRS : PAIRS); pair++) {
      List<String> kinds = pair % 2 == 1 ? List.of("off", "on") : List.of("on", "off");
      kinds.forEach(kind -> cases.add(kind + "-" + cases.size() / 2));
    }
    return cases;
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    boolean loop = caseName.startsWith("on");
    Path directory = workDirectory.resolve("suite-overhead");
    SuiteProject project = SuiteProject.reuseOrCreate(directory, TEST_CLASSES, FILLERS);
    Map<String, String> parameters = new HashMap<>();
    if (loop) {
      SuiteRun.autoDetectReloadLoop();
      parameters.putAll(Map.of("reload.loop", "true", "reload.dir", project.main + "," + project.test,
          "reload.console", QuietConsoleFactory.class.getName()));
    }
    long cpuBefore = processCpuNanos();
    SuiteRun run = SuiteRun.run(project, TEST_CLASSES, parameters);
    long cpu = processCpuNanos() - cpuBefore;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("loop", loop);
    out.put("run_ms", run.wholeRunMs());
    out.put("process_cpu_ms", cpu / 1e6);
    out.put("tests_passed", run.passed.get());
    out.put("tests_failed", run.failed.get());
    out.put("load_average", Environment.loadAverage());
    if (run.failed.get() > 0 || run.passed.get() != TEST_CLASSES * SuiteProject.TESTS_PER_CLASS) {
      throw new IllegalStateException("the suite did not pass as generated: " + out);
    }
    return out;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Override
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    Map<Boolean, List<Double>> runs = new HashMap<>();
    Map<Boolean, List<Double>> cpu = new HashMap<>();
    for (Map<String, Object> c : cases.values()) {
      boolean loop = (Boolean) c.get("loop");
      runs.computeIfAbsent(loop, k -> new ArrayList<>()).add(((Number) c.get("run_ms")).doubleValue());
      cpu.computeIfAbsent(loop, k -> new ArrayList<>()).add(((Number) c.get("process_cpu_ms")).doubleValue());
    }
    double off = Stats.p50(runs.getOrDefault(false, List.of()));
    double on = Stats.p50(runs.getOrDefault(true, List.of()));
    double ratio = on / off;
    double cpuOff = Stats.p50(cpu.getOrDefault(false, List.of()));
    double cpuOn = Stats.p50(cpu.getOrDefault(true, List.of()));
    results.put("suite_overhead_ratio", ratio);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("tests", TEST_CLASSES * SuiteProject.TESTS_PER_CLASS);
    detail.put("off_run_ms", runs.get(false));
    detail.put("on_run_ms", runs.get(true));
    detail.put("off_p50_ms", off);
    detail.put("on_p50_ms", on);
    detail.put("off_cpu_p50_ms", cpuOff);
    detail.put("on_cpu_p50_ms", cpuOn);
    detail.put("target", "ratio <= 1.05");
    detail.put("target_met", ratio <= 1.05);
    detail.put("cases", cases);
    results.put("suite_overhead_detail", detail);
    MarkdownTable table = new MarkdownTable("2,000 passing tests, in-process launcher", "without the loop, p50",
        "with the loop, p50", "ratio", "process CPU without / with, p50", "runs each");
    table.row("run time", String.format(Locale.ROOT, "%.0f ms", off), String.format(Locale.ROOT, "%.0f ms", on),
        String.format(Locale.ROOT, "%.3f", ratio), String.format(Locale.ROOT, "%.0f / %.0f ms", cpuOff, cpuOn),
        runs.getOrDefault(false, List.of()).size());
    return "### Overhead of an active loop on a passing 2,000-test suite (target: at most 1.05)\n\n" + table.render()
        + String.format(Locale.ROOT, "%nsuite_overhead_ratio = %.3f (%s)%n", ratio, ratio <= 1.05 ? "met" : "NOT met");
  }
}
