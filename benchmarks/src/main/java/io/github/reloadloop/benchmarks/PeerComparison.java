package io.github.reloadloop.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Save to green side by side with Quarkus continuous testing ({@code benchmarks/run --peers}), on the same
 * small project ({@link PeerProject}), both driven in a real terminal (tmux) with the same saves, each fix
 * saved 2 s after the failure was shown, and timed from the write of the fix to the green line appearing on
 * the terminal.
 *
 * <ul>
 *   <li>{@code quarkus}: one {@code mvn quarkus:test} session (Maven 3.9); per cycle the fix (green: "All
 *       tests are now passing"), then the bug again (red). The session's first cycle is reported apart.</li>
 *   <li>{@code loop}: per cycle one {@code mvn test -Dreload.loop=true} (auto-rerun on, its default) that
 *       stops at the failing test; 2 s later a wrong fix (red after its auto-rerun), 2 s after that the
 *       right fix (green: PASSED). The first save of a run starts cold (the reloader starts at the failure);
 *       the second is the steady state, as Quarkus's later cycles are.</li>
 *   <li>{@code restart}: {@code mvn -o -q test} after saving the fix, end to end: the cycle without either.</li>
 * </ul>
 */
final class PeerComparison implements Benchmark {

  private static final Duration SHOWN_TO_SAVE = Duration.ofSeconds(2);
  private static final Duration START = Duration.ofMinutes(10);
  private static final Duration CYCLE = Duration.ofMinutes(2);
  private static final Pattern QUARKUS_RED = Pattern.compile("TESTS? FAILED");
  private static final Pattern QUARKUS_GREEN = Pattern.compile("All tests are now passing|All \\d+ tests are passing");
  private static final Pattern PROMPT = Pattern.compile("reload> ");
  private static final Pattern LOOP_RED = Pattern.compile("FAILED: BasketTest > totalSumsEveryItem\\(\\) \\(rerun 1\\)");
  private static final Pattern LOOP_GREEN = Pattern.compile("PASSED BasketTest > totalSumsEveryItem\\(\\)");
  private static final Pattern RELOADED = Pattern.compile("reloaded 1 class in (\\d+) ms");
  private static final Pattern EXIT = Pattern.compile("bench: mvn exited with (\\d+)");

  private final Path workDirectory;

  PeerComparison(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "peers";
  }

  @Override
  public List<String> cases(boolean quick) {
    return List.of("quarkus", "loop", "restart");
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    int cycles = quick ? 3 : 7;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("load_average_start", Environment.loadAverage());
    switch (caseName) {
      case "quarkus" -> out.putAll(quarkus(cycles));
      case "loop" -> out.putAll(loop(cycles));
      case "restart" -> out.putAll(restart(quick ? 2 : 5));
      default -> throw new IllegalArgumentException("no case " + caseName + " in peers");
    }
    out.put("load_average_end", Environment.loadAverage());
    return out;
  }

  private Map<String, Object> quarkus(int cycles) throws Exception {
    Path mvn = PeerProject.maven39(workDirectory.getParent().resolve("peers"));
    PeerProject project = PeerProject.create(workDirectory.resolve("peers-quarkus"), true);
    List<Double> saveToGreen = new ArrayList<>();
    List<Double> saveToRed = new ArrayList<>();
    // Online the first time: Quarkus and its plugin may not be in the local repository yet.
    String command = mvn + " -B quarkus:test -Dquarkus.analytics.disabled=true -Ddebug=false; echo \"bench: mvn exited"
        + " with $?\"";
    long started = System.nanoTime();
    try (TmuxTerminal terminal = TmuxTerminal.start(project.directory, command,
        workDirectory.resolve("peers-quarkus.raw"))) {
      TmuxTerminal.Seen red = terminal.await(QUARKUS_RED, 0, START, "the first, failing test run of quarkus:test");
      double startMs = (red.nanos() - started) / 1e6;
      for (int cycle = 0; cycle < cycles; cycle++) {
        Saved fix = saveWhenRead(terminal, red.nanos(), () -> project.saveBasket(false));
        saveToGreen.add(fix.msUntil(terminal.await(QUARKUS_GREEN, fix.mark(), CYCLE, "green after the fix")));
        long shown = System.nanoTime();
        int mark = terminal.mark();
        project.saveBasket(true);
        red = terminal.await(QUARKUS_RED, mark, CYCLE, "red after the bug was saved again");
        saveToRed.add((red.nanos() - shown) / 1e6);
        System.err.printf("[benchmarks]   quarkus cycle %d: save to green %.0f ms%n", cycle + 1, saveToGreen.get(cycle));
      }
      int end = terminal.mark();
      terminal.keys("q");
      terminal.await(EXIT, end, CYCLE, "the end of quarkus:test after q");
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("how", mvn + " -B quarkus:test in tmux; save of the fix 2 s after red was shown, to 'All tests are now passing'"
          + " on the terminal; then the bug saved again, to red");
      out.put("start_to_first_red_ms", startMs);
      out.put("save_to_green_ms", saveToGreen);
      out.put("save_to_red_ms", saveToRed);
      return out;
    }
  }

  private Map<String, Object> loop(int cycles) throws Exception {
    PeerProject project = PeerProject.create(workDirectory.resolve("peers-loop"), false);
    ShopProject.MavenRun compile = ShopProject.mavenExpecting(project.directory, 0, false, "-o", "-q", "test-compile");
    List<Double> firstSaveToRed = new ArrayList<>();
    List<Double> saveToGreen = new ArrayList<>();
    List<Double> reloadMs = new ArrayList<>();
    List<Double> saveToReloadLine = new ArrayList<>();
    List<Double> firstReloadMs = new ArrayList<>();
    for (int cycle = 0; cycle < cycles; cycle++) {
      project.saveBasket(true);
      String command = "mvn -B -o test -Dreload.loop=true; echo \"bench: mvn exited with $?\"";
      try (TmuxTerminal terminal = TmuxTerminal.start(project.directory, command,
          workDirectory.resolve("peers-loop.raw"))) {
        TmuxTerminal.Seen prompt = terminal.await(PROMPT, 0, START, "the reload> prompt");
        Saved wrong = saveWhenRead(terminal, prompt.nanos(), project::saveWrongFix);
        Matcher first = RELOADED.matcher(terminal.await(RELOADED, wrong.mark(), CYCLE, "the wrong fix's reload line")
            .match());
        firstReloadMs.add(first.matches() ? Double.parseDouble(first.group(1)) : Double.NaN);
        TmuxTerminal.Seen red = terminal.await(LOOP_RED, wrong.mark(), CYCLE, "the wrong fix's red rerun");
        firstSaveToRed.add(wrong.msUntil(red));
        Saved fix = saveWhenRead(terminal, red.nanos(), () -> project.saveBasket(false));
        TmuxTerminal.Seen reloaded = terminal.await(RELOADED, fix.mark(), CYCLE, "the fix's reload line");
        saveToGreen.add(fix.msUntil(terminal.await(LOOP_GREEN, fix.mark(), CYCLE, "PASSED after the fix")));
        saveToReloadLine.add(fix.msUntil(reloaded));
        Matcher line = RELOADED.matcher(reloaded.match());
        reloadMs.add(line.matches() ? Double.parseDouble(line.group(1)) : Double.NaN);
        TmuxTerminal.Seen exit = terminal.await(EXIT, fix.mark(), START, "the end of the build");
        if (!exit.match().endsWith(" 0")) {
          throw new IllegalStateException("the build failed after the fix: " + exit.match());
        }
      }
      System.err.printf("[benchmarks]   loop cycle %d: first save to red %.0f ms, save to green %.0f ms%n", cycle + 1,
          firstSaveToRed.get(cycle), saveToGreen.get(cycle));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("how", "per cycle: mvn -B -o test -Dreload.loop=true (auto-rerun on) in tmux; 2 s after reload> a wrong"
        + " fix (to the red rerun), 2 s after that the fix, to 'PASSED' on the terminal");
    out.put("test_compile_ms", compile.ms());
    out.put("first_save_to_red_ms", firstSaveToRed);
    out.put("first_reload_line_ms", firstReloadMs);
    out.put("save_to_green_ms", saveToGreen);
    out.put("reload_line_ms", reloadMs);
    out.put("save_to_reload_line_seen_ms", saveToReloadLine);
    return out;
  }

  private Map<String, Object> restart(int runs) throws Exception {
    PeerProject project = PeerProject.create(workDirectory.resolve("peers-restart"), false);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("initial_test_compile_ms", ShopProject.mavenExpecting(project.directory, 0, false, "-o", "-q", "test-compile").ms());
    List<Double> samples = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      project.saveBasket(true);
      Thread.sleep(20); // distinct modification times, so that the compiler plugin sees a changed source
      project.saveBasket(false);
      samples.add(ShopProject.mavenExpecting(project.directory, 0, false, "-o", "-q", "test").ms());
      System.err.printf("[benchmarks]   restart cycle %d: %.0f ms%n", run + 1, samples.get(run));
    }
    out.put("how", "mvn -o -q test (the 4 tests) after saving the fix, end to end");
    out.put("restart_cycle_ms", samples);
    return out;
  }

  /** A save: where the terminal's text stood just before it, and when it was written. */
  private record Saved(int mark, long nanos) {
    double msUntil(TmuxTerminal.Seen seen) {
      return (seen.nanos() - nanos) / 1e6;
    }
  }

  private interface SaveAction {
    void save() throws Exception;
  }

  /** Saves {@link #SHOWN_TO_SAVE} after what the developer reads was shown (at {@code shownNanos}). */
  private static Saved saveWhenRead(TmuxTerminal terminal, long shownNanos, SaveAction save) throws Exception {
    TimeUnit.NANOSECONDS.sleep(Math.max(0, shownNanos + SHOWN_TO_SAVE.toNanos() - System.nanoTime()));
    int mark = terminal.mark();
    long nanos = System.nanoTime();
    save.save();
    return new Saved(mark, nanos);
  }

  @Override
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    Map<String, Object> quarkus = cases.getOrDefault("quarkus", Map.of());
    Map<String, Object> loop = cases.getOrDefault("loop", Map.of());
    Map<String, Object> restart = cases.getOrDefault("restart", Map.of());
    List<Double> quarkusAll = FixToGreen.doubles(quarkus.getOrDefault("save_to_green_ms", List.of()));
    List<Double> quarkusLater = quarkusAll.size() > 1 ? quarkusAll.subList(1, quarkusAll.size()) : quarkusAll;
    List<Double> loopGreen = FixToGreen.doubles(loop.getOrDefault("save_to_green_ms", List.of()));
    List<Double> loopFirst = FixToGreen.doubles(loop.getOrDefault("first_save_to_red_ms", List.of()));
    List<Double> restarts = FixToGreen.doubles(restart.getOrDefault("restart_cycle_ms", List.of()));
    double quarkusP50 = Stats.p50(quarkusLater);
    double loopP50 = Stats.p50(loopGreen);
    Map<String, Object> p50 = new LinkedHashMap<>();
    p50.put("quarkus_continuous_testing", quarkusP50);
    p50.put("reload_loop_auto_rerun", loopP50);
    results.put("save_to_green_p50_ms", p50);
    results.put("save_to_green_ratio", loopP50 / quarkusP50);
    results.put("peers_restart_cycle_p50_ms", Stats.p50(restarts));
    results.put("peers_detail", cases);
    MarkdownTable table = new MarkdownTable("same project, fix saved 2 s after red", "save → green p50 (range)",
        "a session's first save", "samples");
    table.row("Quarkus " + PeerProject.QUARKUS + " continuous testing (mvn quarkus:test)", range(quarkusLater),
        quarkusAll.isEmpty() ? "" : String.format(Locale.ROOT, "%.0f ms (to green)", quarkusAll.get(0)),
        quarkusLater.size());
    table.row("reload-loop, auto-rerun (mvn test -Dreload.loop=true)", range(loopGreen),
        String.format(Locale.ROOT, "%.0f ms p50 (to red, a wrong fix)", Stats.p50(loopFirst)), loopGreen.size());
    List<Double> seen = FixToGreen.doubles(loop.getOrDefault("save_to_reload_line_seen_ms", List.of()));
    table.row("  of which: save → 'reloaded 1 class' shown", range(seen), "", seen.size());
    table.row("restart cycle (mvn -o -q test after the fix)", range(restarts), "", restarts.size());
    double ratio = loopP50 / quarkusP50;
    return "### Side by side: save to green (target: reload-loop at most 0.5x Quarkus)\n\n" + table.render()
        + String.format(Locale.ROOT, "%nsave_to_green_ratio (reload-loop / Quarkus) = %.2f (%s)%n", ratio,
            ratio <= 0.5 ? "met" : "NOT met");
  }

  private static String range(List<Double> samples) {
    if (samples.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f)", Stats.p50(samples), Stats.percentile(samples, 0),
        Stats.percentile(samples, 100));
  }
}
