package io.github.reloadloop.benchmarks;

import io.github.reloadloop.junit.testkit.LoopHarness;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory after fallback reruns: every edit adds a field to the class under test (a schema change the JVM
 * refuses), so every {@code continue} reruns the test in a new fresh class loader. Heap after a full GC
 * plus metaspace, after 10 such reruns and after 200: old loaders must be collected, not piled up.
 */
final class FallbackMemory implements Benchmark {

  private static final int FIRST_POINT = 10;
  private static final int SECOND_POINT = 200;
  private static final int QUICK_POINT = 50;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Path workDirectory;

  FallbackMemory(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  @Override
  public String name() {
    return "fallback-memory";
  }

  @Override
  public List<String> cases(boolean quick) {
    return List.of("fallback-reruns");
  }

  @Override
  public Map<String, Object> runCase(String caseName, boolean quick) throws Exception {
    int last = quick ? QUICK_POINT : SECOND_POINT;
    ShopProject project = ShopProject.create(workDirectory.resolve("fallback-memory"), false);
    project.compileWithJavac();
    System.setProperty("junit.jupiter.extensions.autodetection.enabled", "true");
    System.setProperty("junit.jupiter.extensions.autodetection.include", "io.github.reloadloop.junit.ReloadLoop");
    Map<String, String> parameters = Map.of("reload.loop", "true",
        "reload.dir", project.main + "," + project.test, "reload.console", QuietConsoleFactory.class.getName());
    Map<String, Object> points = new LinkedHashMap<>();
    Map<String, Object> out = new LinkedHashMap<>();
    long start = System.nanoTime();
    try (URLClassLoader loader = new URLClassLoader(
            new URL[] {project.testClasses.toUri().toURL(), project.classes.toUri().toURL()},
            FallbackMemory.class.getClassLoader());
        LoopHarness session = LoopHarness.start(parameters, loader)) {
      Class.forName("bench.shop.Basket", true, loader); // the running version every edit differs from
      for (int i = 1; i <= last; i++) {
        saveWithExtraFields(project.basketSource(), i);
        if (!session.reloader().awaitPendingReloads(WAIT) || session.staleClasses().isEmpty()) {
          throw new IllegalStateException("edit " + i + " did not leave Basket stale: " + session.reloader().status());
        }
        LoopHarness.Rerun outcome = session.rerun(ShopProject.TEST_ID, ShopProject.TEST_CLASS);
        if (outcome.status() != LoopHarness.Rerun.Status.PASSED) {
          throw new IllegalStateException("fallback rerun " + i + ": " + outcome);
        }
        if (i == FIRST_POINT || i % 50 == 0 || i == last) {
          double[] mb = MemoryGrowth.measure();
          points.put(Integer.toString(i), Map.of("heap_mb", mb[0], "metaspace_mb", mb[1]));
          System.err.printf("[benchmarks]   fallback: %d reruns, heap %.2f MB, metaspace %.2f MB%n", i, mb[0], mb[1]);
        }
      }
    }
    out.put("seconds", (System.nanoTime() - start) / 1e9);
    out.put("reruns_first", FIRST_POINT);
    out.put("reruns_second", last);
    out.put("points", points);
    return out;
  }

  /** Saves the fixed Basket with {@code count} extra fields: a new shape every time. */
  private static void saveWithExtraFields(Path file, int count) throws Exception {
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < count; i++) {
      fields.append("  private int extra").append(i).append(";\n");
    }
    String text = ShopProject.basket(false).replace("public class Basket {\n", "public class Basket {\n" + fields);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp~");
    Files.writeString(temporary, text);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public String report(Map<String, Map<String, Object>> cases, Results results) {
    return MemoryGrowth.memoryReport(cases.values().iterator().next(), results, "reruns", SECOND_POINT,
        "memory_growth_mb_200_fallback_reruns", "fallback_memory_detail",
        "Memory after reruns in fresh class loaders (each after a schema change)");
  }
}
