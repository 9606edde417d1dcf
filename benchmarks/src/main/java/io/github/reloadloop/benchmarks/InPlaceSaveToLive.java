package io.github.reloadloop.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Save to live for each kind of private structural change made in place (issue 28), beside a body-only edit
 * of the same class in the same kind of run: a 1,000-class project, each save adding a member of the kind
 * under a new name (a method, a lambda, a static field with its initialiser, an instance field read by an
 * object created before it), timed from the write to the existing reference returning the new value. Target:
 * within the body edit's time plus 10 ms.
 */
final class InPlaceSaveToLive implements Benchmark {

  private static final int CLASSES = 1000;
  private static final int WARM_UP_EDITS = 10;
  private static final int PAUSE_BETWEEN_EDITS_MS = 30;

  private final Path workDirectory;

  InPlaceSaveToLive(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "in-place";
  }

  @Override
  public List<String> cases(boolean quick) {
    return InPlaceEdits.KINDS;
  }

  @Override
  public Map<String, Object> runCase(String kind, boolean quick) throws Exception {
    int edits = quick ? 15 : 60;
    SyntheticProject project = SyntheticProject.create(workDirectory.resolve("in-place-" + kind), CLASSES);
    List<Double> total = new ArrayList<>();
    List<Double> redefine = new ArrayList<>();
    List<Double> compile = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    try (LiveEditor editor = new LiveEditor(project, kind)) {
      for (int i = 0; i < WARM_UP_EDITS + edits; i++) {
        LiveEditor.Edit edit = editor.edit();
        if (i >= WARM_UP_EDITS) {
          total.add(edit.totalMs());
          redefine.add(edit.redefineMs());
          compile.add(edit.compileMs());
          cpu.add(edit.reloadCpuMs());
        }
        Thread.sleep(PAUSE_BETWEEN_EDITS_MS); // idle between saves, outside the measured interval
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", kind);
    out.put("edits", edits);
    out.put("total_ms", total);
    out.put("compile_ms", compile);
    out.put("redefine_ms", redefine);
    out.put("reload_cpu_ms", cpu);
    out.put("load_average", Environment.loadAverage());
    return out;
  }

  @Override
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    MarkdownTable table = new MarkdownTable("each save", "edits", "p50 ms", "p95 ms", "compile p50",
        "redefine p50", "reload CPU p50", "p50 − body p50");
    Map<String, Object> p50 = new LinkedHashMap<>();
    Map<String, Object> p95 = new LinkedHashMap<>();
    double body = cases.containsKey(InPlaceEdits.BODY)
        ? Stats.p50(SaveToLive.doubles(cases.get(InPlaceEdits.BODY).get("total_ms"))) : Double.NaN;
    cases.forEach((kind, raw) -> {
      List<Double> total = SaveToLive.doubles(raw.get("total_ms"));
      p50.put(kind, Stats.p50(total));
      p95.put(kind, Stats.p95(total));
      table.row(kind.equals(InPlaceEdits.BODY) ? "body-only edit" : "adds a private " + kind.replace('-', ' '),
          raw.get("edits"), MarkdownTable.ms(Stats.p50(total)), MarkdownTable.ms(Stats.p95(total)),
          MarkdownTable.ms(Stats.p50(SaveToLive.doubles(raw.get("compile_ms")))),
          MarkdownTable.ms(Stats.p50(SaveToLive.doubles(raw.get("redefine_ms")))),
          MarkdownTable.ms(Stats.p50(SaveToLive.doubles(raw.get("reload_cpu_ms")))),
          kind.equals(InPlaceEdits.BODY) ? "" : String.format(java.util.Locale.ROOT, "%+.1f ms",
              Stats.p50(total) - body));
    });
    results.put("in_place_save_to_live_p50_ms", p50);
    results.put("in_place_save_to_live_p95_ms", p95);
    results.put("in_place_detail", cases);
    return "### Save → live, in place (1,000 classes; target: within the body edit + 10 ms)\n\n" + table.render();
  }
}
