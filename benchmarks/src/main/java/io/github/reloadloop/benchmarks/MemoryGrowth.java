package io.github.reloadloop.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory growth: heap used after a full GC plus metaspace used, after 10 reloads of one class and after
 * 1000. What stays reachable per reload (results, caches, old method versions) shows up as growth. The
 * {@code in-place} case makes every reload an in-place change that adds a private method under a new name
 * (issue 28), so each leaves a companion class behind.
 */
final class MemoryGrowth implements Benchmark {

  private static final int FIRST_POINT = 10;
  private static final int SECOND_POINT = 1000;
  private static final int QUICK_POINT = 250;
  private static final double MB = 1024.0 * 1024.0;

  private final Path workDirectory;

  MemoryGrowth(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public List<String> cases(boolean quick) {
    return List.of("100-classes", "in-place-100-classes", "in-place-alternating-100-classes");
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    int last = quick ? QUICK_POINT : SECOND_POINT;
    SyntheticProject project = SyntheticProject.create(workDirectory.resolve("memory-" + caseName), 100);
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> points = new LinkedHashMap<>();
    try (LiveEditor editor = new LiveEditor(project, caseName.startsWith("in-place-alternating")
        ? "method-alternating" : caseName.startsWith("in-place") ? "method" : InPlaceEdits.BODY)) {
      long start = System.nanoTime();
      for (int i = 1; i <= last; i++) {
        editor.edit();
        if (i == FIRST_POINT || i % 250 == 0 || i == last) {
          double[] mb = measure();
          points.put(Integer.toString(i), Map.of("heap_mb", mb[0], "metaspace_mb", mb[1]));
          System.err.printf("[benchmarks]   memory: %d reloads, heap %.2f MB, metaspace %.2f MB%n", i, mb[0], mb[1]);
        }
      }
      out.put("seconds", (System.nanoTime() - start) / 1e9);
    }
    out.put("reloads_first", FIRST_POINT);
    out.put("reloads_second", last);
    out.put("points", points);
    out.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
    return out;
  }

  /** Heap used after full GCs, and metaspace used, in MB. */
  static double[] measure() throws InterruptedException {
    long previous = Long.MAX_VALUE;
    long heap = 0;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100); // let reference processing and class unloading settle between collections
      heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - heap) < 64 * 1024) {
        break;
      }
      previous = heap;
    }
    long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getName().equals("Metaspace")).mapToLong(p -> p.getUsage().getUsed()).sum();
    return new double[] {heap / MB, metaspace / MB};
  }

  @Override
  @SuppressWarnings("unchecked")
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    String report = "";
    if (cases.containsKey("100-classes")) {
      report += memoryReport(cases.get("100-classes"), results, "reloads", SECOND_POINT,
          "memory_growth_mb_1000_reloads", "memory_growth_detail",
          "Memory after reloads of one class (100-class project)");
    }
    if (cases.containsKey("in-place-100-classes")) {
      report += memoryReport(cases.get("in-place-100-classes"), results, "reloads", SECOND_POINT,
          "memory_growth_mb_1000_in_place_reloads", "memory_growth_in_place_detail",
          "Memory after in-place reloads of one class, each adding a private method under a new name"
              + " (100-class project)");
    }
    if (cases.containsKey("in-place-alternating-100-classes")) {
      report += memoryReport(cases.get("in-place-alternating-100-classes"), results, "reloads", SECOND_POINT,
          "memory_growth_mb_1000_in_place_alternating_reloads", "memory_growth_in_place_alternating_detail",
          "Memory after in-place reloads of one class, each adding a private method under one of two names"
              + " (100-class project)");
    }
    return report;
  }

  /**
   * The memory report shared with {@link FallbackMemory}: growth of heap and metaspace between the first and
   * the last point, written under {@code key} only when the last point is {@code fullPoint} (not --quick).
   */
  @SuppressWarnings("unchecked")
  static String memoryReport(Map<String, Object> raw, Results results, String unit, int fullPoint, String key,
      String detailKey, String heading) {
    Map<String, Object> points = (Map<String, Object>) raw.get("points");
    String first = raw.get(unit + "_first").toString();
    String second = raw.get(unit + "_second").toString();
    double heapGrowth = number(points, second, "heap_mb") - number(points, first, "heap_mb");
    double metaspaceGrowth = number(points, second, "metaspace_mb") - number(points, first, "metaspace_mb");
    Map<String, Object> detail = new LinkedHashMap<>(raw);
    detail.put("heap_growth_mb", heapGrowth);
    detail.put("metaspace_growth_mb", metaspaceGrowth);
    if (second.equals(Integer.toString(fullPoint))) {
      results.put(key, heapGrowth + metaspaceGrowth);
    } else {
      detail.put("note", "--quick: " + second + " " + unit + " only, so " + key + " was not written");
    }
    results.put(detailKey, detail);
    MarkdownTable table = new MarkdownTable(unit, "heap after full GC (MB)", "metaspace (MB)");
    points.forEach((point, values) -> table.row(point, mb(number(points, point, "heap_mb")),
        mb(number(points, point, "metaspace_mb"))));
    table.row("growth " + first + " → " + second, signed(heapGrowth), signed(metaspaceGrowth));
    return "### " + heading + "\n\n" + table.render()
        + "\nheap + metaspace growth, " + first + " → " + second + " " + unit + ": "
        + signed(heapGrowth + metaspaceGrowth) + " MB\n";
  }

  private static String mb(double value) {
    return String.format(java.util.Locale.ROOT, "%.2f", value);
  }

  private static String signed(double value) {
    return String.format(java.util.Locale.ROOT, "%+.2f", value);
  }

  @SuppressWarnings("unchecked")
  private static double number(Map<String, Object> points, String reloads, String key) {
    return ((Number) ((Map<String, Object>) points.get(reloads)).get(key)).doubleValue();
  }
}
