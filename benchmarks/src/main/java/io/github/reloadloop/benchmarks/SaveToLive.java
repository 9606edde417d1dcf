package io.github.reloadloop.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Save to live: from just before a source file is written to the moment an existing reference returns the
 * new value, for generated projects of 10 to 5000 classes. Split into detect (write to batch start,
 * debounce included), compile, redefine and the rest (reading, planning, finding loaded classes).
 */
final class SaveToLive implements Benchmark {

  private static final int WARM_UP_EDITS = 10;
  private static final int PAUSE_BETWEEN_EDITS_MS = 30;

  private final Path workDirectory;

  SaveToLive(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "save-to-live";
  }

  @Override
  public List<String> cases(boolean quick) {
    return quick ? List.of("10", "1000") : List.of("10", "100", "1000", "5000");
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    int size = Integer.parseInt(caseName);
    int edits = quick ? 20 : 80;
    long generateStart = System.nanoTime();
    SyntheticProject project = SyntheticProject.create(workDirectory.resolve("save-to-live-" + size), size);
    double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
    List<Double> total = new ArrayList<>();
    List<Double> detect = new ArrayList<>();
    List<Double> compile = new ArrayList<>();
    List<Double> redefine = new ArrayList<>();
    List<Double> other = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    int extraBatches = 0;
    try (LiveEditor editor = new LiveEditor(project)) {
      for (int i = 0; i < WARM_UP_EDITS + edits; i++) {
        LiveEditor.Edit edit = editor.edit();
        if (i >= WARM_UP_EDITS) {
          total.add(edit.totalMs());
          detect.add(edit.detectMs());
          compile.add(edit.compileMs());
          redefine.add(edit.redefineMs());
          other.add(edit.otherMs());
          cpu.add(edit.reloadCpuMs());
          extraBatches += edit.batches() - 1;
        }
        Thread.sleep(PAUSE_BETWEEN_EDITS_MS); // idle between saves, outside the measured interval
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("classes", size);
    out.put("edits", edits);
    out.put("loaded_classes", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
    out.put("generate_and_compile_s", generateSeconds);
    out.put("extra_batches", extraBatches);
    out.put("total_ms", total);
    out.put("detect_ms", detect);
    out.put("compile_ms", compile);
    out.put("redefine_ms", redefine);
    out.put("other_ms", other);
    out.put("reload_cpu_ms", cpu);
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    MarkdownTable table = new MarkdownTable("project", "edits", "p50 ms", "p95 ms", "detect p50", "compile p50",
        "redefine p50", "other p50", "reload CPU p50", "loaded classes");
    Map<String, Object> p50 = new LinkedHashMap<>();
    Map<String, Object> p95 = new LinkedHashMap<>();
    Map<String, Object> detail = new LinkedHashMap<>();
    cases.forEach((size, raw) -> {
      List<Double> total = doubles(raw.get("total_ms"));
      p50.put(size, Stats.p50(total));
      p95.put(size, Stats.p95(total));
      Map<String, Object> split = new LinkedHashMap<>();
      split.put("edits", raw.get("edits"));
      split.put("loaded_classes", raw.get("loaded_classes"));
      for (String part : List.of("detect", "compile", "redefine", "other", "reload_cpu")) {
        List<Double> samples = doubles(raw.get(part + "_ms"));
        split.put(part + "_p50_ms", Stats.p50(samples));
        split.put(part + "_p95_ms", Stats.p95(samples));
      }
      split.put("extra_batches", raw.get("extra_batches"));
      detail.put(size, split);
      table.row(size + " classes", raw.get("edits"), MarkdownTable.ms(Stats.p50(total)),
          MarkdownTable.ms(Stats.p95(total)),
          MarkdownTable.ms((Double) split.get("detect_p50_ms")),
          MarkdownTable.ms((Double) split.get("compile_p50_ms")),
          MarkdownTable.ms((Double) split.get("redefine_p50_ms")),
          MarkdownTable.ms((Double) split.get("other_p50_ms")),
          MarkdownTable.ms((Double) split.get("reload_cpu_p50_ms")), raw.get("loaded_classes"));
    });
    results.put("save_to_live_p50_ms", p50);
    results.put("save_to_live_p95_ms", p95);
    detail.put("note", "detect = file write to the start of the compile (no longer after the 10 ms debounce);"
        + " other = total minus detect, compile and redefine (reading sources, shape checks, the rest of the"
        + " debounce); compile includes finding the loaded classes and, for a save, starts once its file events"
        + " have been quiet for 1 ms, before the debounce ends; reload_cpu = CPU time of the reloader's threads"
        + " for the whole cycle (class file writes included), less sensitive to other load on the machine than"
        + " the wall-clock figures");
    results.put("save_to_live_detail", detail);
    return "### Save → live (body-only edit, javac, existing reference polled)\n\n" + table.render()
        + "\ndetect = write to the start of the compile (which no longer waits for the 10 ms debounce); compile"
        + " includes finding loaded classes; other = the rest up to the new value being seen;\nreload CPU = CPU"
        + " time of the reloader's threads for the whole cycle (less disturbed by other load than the wall-clock"
        + " columns).\n";
  }

  @SuppressWarnings("unchecked")
  static List<Double> doubles(Object list) {
    List<Double> out = new ArrayList<>();
    for (Object o : (List<Object>) list) {
      out.add(((Number) o).doubleValue());
    }
    return out;
  }
}
