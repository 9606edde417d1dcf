package io.github.reloadloop.benchmarks;

import io.github.reloadloop.junit.testkit.LoopHarness;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fix to green, against the restart cycle it replaces, on one generated small project ({@link ShopProject}).
 *
 * <p>Loop side, in-process (as the extension's own tests drive it): the project is compiled by javac into
 * target/classes and target/test-classes, a {@link LoopHarness} (the loop's session, driven from here) watches
 * its sources, the test class is loaded in a class loader over those directories and its failing test run
 * once (the failure the loop stops at).
 * Then, per cycle: save the bug, continue (red), save the fix, wait until the reloader has applied it, and
 * time "continue": what the console's {@code continue} does ({@code awaitPendingReloads}, the problem and
 * stale checks, {@code LoopHarness.rerun}) up to the rerun's PASSED. Save to green is timed from the write
 * of the fix to the same PASSED (continue typed the moment the reload is applied, the earliest it can pay off).
 *
 * <p>Restart side: the same project with a pom (like sample-project's) is built once with the bug, then per
 * run the fix is saved and {@code mvn -o -q test -Dtest=BasketTest#totalSumsEveryItem} timed end to end:
 * what a developer without the loop runs after each fix.
 */
final class FixToGreen implements Benchmark {

  private static final int WARM_UP_CYCLES = 2;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Path workDirectory;

  FixToGreen(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "fix-to-green";
  }

  @Override
  public List<String> cases(boolean quick) {
    return List.of("shop");
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("load_average_start", Environment.loadAverage());
    out.put("loop", loopSide(quick ? 6 : 30));
    out.put("load_average_middle", Environment.loadAverage());
    out.put("restart", restartSide(quick ? 2 : 9));
    out.put("load_average_end", Environment.loadAverage());
    return out;
  }

  private Map<String, Object> loopSide(int cycles) throws Exception {
    ShopProject project = ShopProject.create(workDirectory.resolve("fix-to-green-loop"), true);
    project.compileWithJavac();
    // As in mvn test -Dreload.loop=true: ReloadLoop is auto-detected, so the nested rerun has it too.
    System.setProperty("junit.jupiter.extensions.autodetection.enabled", "true");
    System.setProperty("junit.jupiter.extensions.autodetection.include", "io.github.reloadloop.junit.ReloadLoop");
    Map<String, String> parameters = Map.of("reload.loop", "true",
        "reload.dir", project.main + "," + project.test, "reload.console", QuietConsoleFactory.class.getName());
    List<Double> continueToGreen = new ArrayList<>();
    List<Double> awaitPart = new ArrayList<>();
    List<Double> rerunPart = new ArrayList<>();
    List<Double> saveToGreen = new ArrayList<>();
    List<Double> saveToReloaded = new ArrayList<>();
    List<Double> continueToRed = new ArrayList<>();
    List<Map<String, Object>> warmUp = new ArrayList<>();
    Map<String, Object> out = new LinkedHashMap<>();
    try (URLClassLoader loader = new URLClassLoader(
            new URL[] {project.testClasses.toUri().toURL(), project.classes.toUri().toURL()},
            FixToGreen.class.getClassLoader());
        LoopHarness session = LoopHarness.start(parameters, loader)) {
      if (!session.active()) {
        throw new IllegalStateException("the loop session did not start");
      }
      long firstRun = System.nanoTime();
      expect(session.rerun(ShopProject.TEST_ID, ShopProject.TEST_CLASS), LoopHarness.Rerun.Status.FAILED, "the first run, with the bug");
      out.put("first_run_ms", ms(firstRun));
      for (int cycle = 0; cycle < WARM_UP_CYCLES + cycles; cycle++) {
        // The bug again, and continue: red. Keeps every fix a real change to the running code.
        project.saveBasket(true);
        long red = System.nanoTime();
        continueThenRerun(session, loader, LoopHarness.Rerun.Status.FAILED, cycle);
        double redMs = ms(red);

        // The fix: save, let the reloader apply it, then continue.
        int reloadsBefore = session.reloader().status().reloads();
        long save = System.nanoTime();
        project.saveBasket(false);
        long deadline = save + WAIT.toNanos();
        while (session.reloader().status().reloads() == reloadsBefore) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the fix was not reloaded within " + WAIT);
          }
          Thread.sleep(1);
        }
        long typed = System.nanoTime();
        long[] parts = continueThenRerun(session, loader, LoopHarness.Rerun.Status.PASSED, cycle);
        long green = System.nanoTime();
        if (cycle < WARM_UP_CYCLES) {
          warmUp.add(Map.of("continue_to_green_ms", (green - typed) / 1e6, "save_to_green_ms", (green - save) / 1e6));
          continue;
        }
        continueToGreen.add((green - typed) / 1e6);
        awaitPart.add((parts[0] - typed) / 1e6);
        rerunPart.add((green - parts[0]) / 1e6);
        saveToGreen.add((green - save) / 1e6);
        saveToReloaded.add((typed - save) / 1e6);
        continueToRed.add(redMs);
      }
      out.put("reloads", session.reloader().status().reloads());
      out.put("reloaded_classes", session.reloader().status().reloadedClasses());
      out.put("compiler", session.reloader().status().compiler());
      out.put("agent", session.reloader().status().agent());
    }
    out.put("how", "in-process: LoopHarness.start on src/main/java,src/test/java of a javac-compiled project, "
        + "test class loaded in a URLClassLoader over target/test-classes and target/classes; continue = "
        + "awaitPendingReloads + problems/stale checks + LoopHarness.rerun(uniqueId, testClass), timed after the "
        + "reloader applied the fix; save_to_green from the write of the fix (temp file + rename) to PASSED");
    out.put("cycles", cycles);
    out.put("warm_up_cycles", warmUp);
    out.put("continue_to_green_ms", continueToGreen);
    out.put("await_ms", awaitPart);
    out.put("rerun_ms", rerunPart);
    out.put("save_to_green_ms", saveToGreen);
    out.put("save_to_reloaded_ms", saveToReloaded);
    out.put("continue_to_red_ms", continueToRed);
    return out;
  }

  /** What {@code continue} does: wait for reloads, check there are no compile problems, rerun. */
  private static long[] continueThenRerun(LoopHarness session, ClassLoader loader, LoopHarness.Rerun.Status expected,
      int cycle) throws InterruptedException {
    if (!session.reloader().awaitPendingReloads(WAIT)) {
      throw new IllegalStateException("still compiling after " + WAIT);
    }
    if (!session.reloader().status().problems().isEmpty()) {
      throw new IllegalStateException("compile problems: " + session.reloader().status().problems());
    }
    Set<String> stale = session.staleClasses();
    if (!stale.isEmpty()) {
      throw new IllegalStateException("a body-only edit was not redefined in place: " + stale);
    }
    long reloaded = System.nanoTime();
    expect(session.rerun(ShopProject.TEST_ID, ShopProject.TEST_CLASS), expected, "cycle " + cycle);
    return new long[] {reloaded};
  }

  private static void expect(LoopHarness.Rerun outcome, LoopHarness.Rerun.Status expected, String when) {
    if (outcome.status() != expected) {
      throw new IllegalStateException(when + ": expected " + expected + ", got " + outcome, outcome.failure());
    }
  }

  private Map<String, Object> restartSide(int runs) throws Exception {
    ShopProject project = ShopProject.create(workDirectory.resolve("fix-to-green-restart"), true);
    Map<String, Object> out = new LinkedHashMap<>();
    // The build the developer already had: everything compiled (with the bug). Not timed in the cycle.
    out.put("initial_test_compile_ms", project.mavenExpecting(0, false, "-o", "-q", "test-compile").ms());
    List<Double> samples = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      project.saveBasket(true);
      Thread.sleep(20); // distinct modification times, so that the compiler plugin sees a changed source
      project.saveBasket(false);
      samples.add(project.mavenExpecting(0, false, "-o", "-q", "test", "-Dtest=" + ShopProject.SUREFIRE_TEST).ms());
      System.err.printf("[benchmarks]   restart cycle %d: %.0f ms%n", run + 1, samples.get(run));
    }
    out.put("how", "after saving the fix, mvn -o -q test -Dtest=" + ShopProject.SUREFIRE_TEST
        + " end to end (recompiles the changed source, starts the test JVM, runs the one test); stdin /dev/null");
    out.put("runs", runs);
    out.put("samples_ms", samples);
    if (runs < 3) {
      out.put("note", "--quick: " + runs + " runs; the median of two is the faster one (nearest rank)");
    }
    return out;
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }

  @Override
  @SuppressWarnings("unchecked")
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    Map<String, Object> raw = cases.values().iterator().next();
    Map<String, Object> loop = (Map<String, Object>) raw.get("loop");
    Map<String, Object> restart = (Map<String, Object>) raw.get("restart");
    double fixToGreen = Stats.p50(doubles(loop.get("continue_to_green_ms")));
    double saveToGreen = Stats.p50(doubles(loop.get("save_to_green_ms")));
    double restartCycle = Stats.p50(doubles(restart.get("samples_ms")));
    double speedup = restartCycle / fixToGreen;
    double speedupFromSave = restartCycle / saveToGreen;

    Map<String, Object> loopDetail = new LinkedHashMap<>(loop);
    for (String key : List.of("continue_to_green_ms", "await_ms", "rerun_ms", "save_to_green_ms", "save_to_reloaded_ms",
        "continue_to_red_ms")) {
      List<Double> samples = doubles(loop.get(key));
      loopDetail.put(key.replace("_ms", "_p50_ms"), Stats.p50(samples));
      loopDetail.put(key.replace("_ms", "_p95_ms"), Stats.p95(samples));
    }
    Map<String, Object> restartDetail = new LinkedHashMap<>(restart);
    restartDetail.put("median_ms", restartCycle);
    restartDetail.put("load_average_end", raw.get("load_average_end"));

    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("project", "generated: Basket (lambdas, a body-only bug in total()) + BasketTest (@BeforeEach) + "
        + ShopProject.OTHER_CLASSES + " other classes with tests, " + ShopProject.TESTS + " tests");
    detail.put("test", ShopProject.TEST_ID);
    detail.put("fix_to_green_is", "median continue_to_green_ms (in-process loop, see loop.how)");
    detail.put("save_to_green_p50_ms", saveToGreen);
    detail.put("speedup_from_save", speedupFromSave);
    detail.put("target_speedup", 20);
    detail.put("load_average_start", raw.get("load_average_start"));
    detail.put("load_average_middle", raw.get("load_average_middle"));
    detail.put("loop", loopDetail);
    results.put("fix_to_green_ms", fixToGreen);
    results.put("restart_cycle_ms", restartCycle);
    results.put("fix_to_green_speedup", speedup);
    results.put("fix_to_green_detail", detail);
    results.put("restart_cycle_detail", restartDetail);

    MarkdownTable table = new MarkdownTable("measure", "p50 (ms)", "p95 (ms)", "samples");
    int n = doubles(loop.get("continue_to_green_ms")).size();
    row(table, "loop: continue → PASSED (fix_to_green_ms)", loop.get("continue_to_green_ms"));
    row(table, "  of which awaitPendingReloads + checks", loop.get("await_ms"));
    row(table, "  of which rerun (nested launcher)", loop.get("rerun_ms"));
    row(table, "loop: save → reloaded", loop.get("save_to_reloaded_ms"));
    row(table, "loop: save → PASSED", loop.get("save_to_green_ms"));
    row(table, "loop: continue → FAILED (bug saved)", loop.get("continue_to_red_ms"));
    row(table, "restart: mvn -o -q test -Dtest=… (restart_cycle_ms)", restart.get("samples_ms"));
    return "### Fix → green vs. restart cycle (" + ShopProject.TESTS + "-test project, " + n + " loop cycles after "
        + WARM_UP_CYCLES + " warm-up)\n\n" + table.render()
        + String.format(java.util.Locale.ROOT, "%nfix_to_green_speedup = restart / continue→PASSED = %.0f× "
            + "(target ≥ 20×: %s); restart / save→PASSED = %.0f×%n", speedup, speedup >= 20 ? "met" : "NOT met",
            speedupFromSave);
  }

  private static void row(MarkdownTable table, String name, Object samples) {
    List<Double> values = doubles(samples);
    table.row(name, MarkdownTable.ms(Stats.p50(values)), MarkdownTable.ms(Stats.p95(values)), values.size());
  }

  static List<Double> doubles(Object list) {
    List<Double> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(((Number) o).doubleValue());
    }
    return out;
  }
}
