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
 * Save to {@code PASSED} on projects shaped like users' ones ({@code benchmarks/run --real}; {@link RealProject}):
 * each run is one {@code mvn -o test -Dreload.loop=true} in a real terminal (tmux) that stops at two failing
 * tests in turn; the fix of each is saved a set time after the prompt showed (0, 2 or 10 s, the same for
 * both in one run) and timed from the write of the file to the {@code PASSED} line on the terminal. The first
 * save of a run meets everything the loop starts at a failure; the second is a later save. Runs take the
 * delays in turn. With {@code reload.timing} on, the loop prints where the time went after each rerun (the
 * reload line's detect / compile / redefine / other, then wake and rerun), which the report splits by.
 */
final class RealProjects implements Benchmark {

  static final List<Integer> DELAYS_S = List.of(0, 2, 10);
  private static final Duration START = Duration.ofMinutes(10);
  private static final Duration CYCLE = Duration.ofMinutes(2);
  private static final Pattern PROMPT = Pattern.compile("reload> ");
  private static final Pattern RELOADED = Pattern.compile("reloaded \\d+ class(?:es)? in (\\d+) ms");
  private static final Pattern TIMING = Pattern.compile("timing: [^\\n]*\\n");
  private static final Pattern TIMING_PART = Pattern.compile("(reload|detect|compile|redefine|other|wake|rerun|start|test|end) (\\d+)");
  private static final Pattern EXIT = Pattern.compile("bench: mvn exited with (\\d+)");

  private final Path workDirectory;

  RealProjects(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "real";
  }

  @Override
  public List<String> cases(boolean quick) {
    return RealProject.ALL.stream().map(RealProject::name).toList();
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    RealProject project = RealProject.named(caseName);
    int rounds = quick ? 2 : 5;
    Path directory = project.copy(Path.of("fixtures"), workDirectory.resolve("real-" + caseName),
        ShopProject.reloadLoopVersion());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("project", project.shape());
    out.put("load_average_start", Environment.loadAverage());
    // Online once, so that a fresh local repository gets the fixture's dependencies and Surefire's JUnit
    // provider (no test runs); the timed runs are offline.
    out.put("test_compile_ms", ShopProject.mavenExpecting(directory, 0, false, "-q", "test",
        "-Dtest=NoTestHasThisName", "-Dsurefire.failIfNoSpecifiedTests=false").ms());
    List<Map<String, Object>> runs = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < DELAYS_S.size(); i++) {
        int delay = DELAYS_S.get((i + round) % DELAYS_S.size());
        Map<String, Object> run = run(project, directory, delay);
        runs.add(run);
        System.err.printf(Locale.ROOT, "[benchmarks]   %s, saved %d s after the prompt: %s%n", caseName, delay,
            run.get("saves"));
      }
    }
    out.put("how", "per run: mvn -B -o test -Dreload.loop=true -Dreload.timing=true in tmux; each fix saved the"
        + " given time after reload> showed, timed to 'PASSED' on the terminal");
    out.put("runs", runs);
    out.put("load_average_end", Environment.loadAverage());
    return out;
  }

  private Map<String, Object> run(RealProject project, Path directory, int delaySeconds) throws Exception {
    for (RealProject.Fix fix : project.fixes()) {
      RealProject.save(directory, fix, false);
    }
    Thread.sleep(20); // A modification time after the last build's, so that the compiler plugin sees the bugs.
    String command = "mvn -B -o test -Dreload.loop=true -Dreload.timing=true; echo \"bench: mvn exited with $?\"";
    List<Map<String, Object>> saves = new ArrayList<>();
    long started = System.nanoTime();
    double startToPrompt = Double.NaN;
    try (TmuxTerminal terminal = TmuxTerminal.start(directory, command,
        workDirectory.resolve("real-" + project.name() + ".raw"))) {
      int from = 0;
      for (RealProject.Fix fix : project.fixes()) {
        TmuxTerminal.Seen prompt = terminal.await(PROMPT, from, START, "the reload> prompt for " + fix.test());
        if (from == 0) {
          startToPrompt = (prompt.nanos() - started) / 1e6;
        }
        TimeUnit.NANOSECONDS.sleep(Math.max(0,
            prompt.nanos() + TimeUnit.SECONDS.toNanos(delaySeconds) - System.nanoTime()));
        int mark = terminal.mark();
        long saved = System.nanoTime();
        RealProject.save(directory, fix, true);
        Pattern passed = Pattern.compile("PASSED " + Pattern.quote(fix.test()));
        TmuxTerminal.Seen green = terminal.await(passed, mark, CYCLE, "PASSED after the fix of " + fix.file());
        Map<String, Object> save = new LinkedHashMap<>();
        save.put("file", fix.file());
        save.put("save_to_passed_ms", (green.nanos() - saved) / 1e6);
        String text = terminal.text().substring(mark);
        Matcher reloaded = RELOADED.matcher(text);
        save.put("reload_line_ms", reloaded.find() ? Double.parseDouble(reloaded.group(1)) : Double.NaN);
        TmuxTerminal.Seen timing = terminal.await(TIMING, green.end(), CYCLE, "the timing line after PASSED");
        save.put("timing", timing(timing.match()));
        saves.add(save);
        from = timing.end();
      }
      TmuxTerminal.Seen exit = terminal.await(EXIT, from, START, "the end of the build");
      if (!exit.match().endsWith(" 0")) {
        throw new IllegalStateException("the build failed after the fixes: " + exit.match() + "\n"
            + ShopProject.tail(terminal.text(), 4000));
      }
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("delay_s", delaySeconds);
    run.put("load_average", Environment.loadAverage());
    run.put("start_to_first_prompt_ms", startToPrompt);
    run.put("saves", saves);
    return run;
  }

  /** The parts of the loop's timing line, by name, in ms. */
  static Map<String, Object> timing(String line) {
    Map<String, Object> parts = new LinkedHashMap<>();
    Matcher matcher = TIMING_PART.matcher(line);
    while (matcher.find()) {
      parts.putIfAbsent(matcher.group(1), Double.parseDouble(matcher.group(2)));
    }
    return parts;
  }

  @Override
  @SuppressWarnings("unchecked")
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    MarkdownTable table = new MarkdownTable("project", "save", "after the prompt", "save → PASSED p50 (p95)",
        "reload line p50", "detect / compile / redefine / other", "wake / rerun (start / test / end)", "runs");
    Map<String, Object> p50s = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> entry : cases.entrySet()) {
      List<Map<String, Object>> runs = (List<Map<String, Object>>) entry.getValue().getOrDefault("runs", List.of());
      Map<String, Object> byKind = new LinkedHashMap<>();
      for (int index = 0; index < 2; index++) {
        String kind = index == 0 ? "first" : "later";
        for (int delay : DELAYS_S) {
          List<Map<String, Object>> saves = new ArrayList<>();
          for (Map<String, Object> run : runs) {
            List<Map<String, Object>> all = (List<Map<String, Object>>) run.get("saves");
            if (((Number) run.get("delay_s")).intValue() == delay && all.size() > index) {
              saves.add(all.get(index));
            }
          }
          if (saves.isEmpty()) {
            continue;
          }
          List<Double> total = values(saves, "save_to_passed_ms", null);
          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("p50", Stats.p50(total));
          figures.put("p95", Stats.p95(total));
          figures.put("samples", total.size());
          byKind.put(kind + "_" + delay + "s", figures);
          table.row(entry.getKey(), kind, delay + " s",
              String.format(Locale.ROOT, "%.0f (%.0f) ms", Stats.p50(total), Stats.p95(total)),
              String.format(Locale.ROOT, "%.0f ms", Stats.p50(values(saves, "reload_line_ms", null))),
              split(saves, "detect", "compile", "redefine", "other"), split(saves, "wake", "rerun") + " (" + split(saves, "start", "test", "end") + ")",
              total.size());
        }
      }
      p50s.put(entry.getKey(), byKind);
    }
    results.put("real_save_to_passed_ms", p50s);
    results.put("real_detail", cases);
    return "### Real-shaped projects: save → PASSED in a terminal (target: p50 ≤ 250 ms saved 2 s after the prompt,"
        + " ≤ 500 ms saved at once)\n\n" + table.render();
  }

  @SuppressWarnings("unchecked")
  private static List<Double> values(List<Map<String, Object>> saves, String key, String timingPart) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Object> save : saves) {
      Object value = timingPart == null ? save.get(key) : ((Map<String, Object>) save.get("timing")).get(timingPart);
      if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
        out.add(number.doubleValue());
      }
    }
    return out;
  }

  private static String split(List<Map<String, Object>> saves, String... parts) {
    List<String> cells = new ArrayList<>();
    for (String part : parts) {
      List<Double> samples = values(saves, null, part);
      cells.add(samples.isEmpty() ? "?" : String.format(Locale.ROOT, "%.0f", Stats.p50(samples)));
    }
    return String.join(" / ", cells) + " ms";
  }
}
