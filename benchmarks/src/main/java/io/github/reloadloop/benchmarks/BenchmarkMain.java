package io.github.reloadloop.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks: every case in a child JVM started with this JVM's options, then prints a Markdown
 * report and merges the result keys into {@code results.json}.
 *
 * <pre>
 * BenchmarkMain --results FILE [--quick] [--peers] [--real] [--only NAME[:CASE,...]]   run and report
 * BenchmarkMain --case NAME:CASE --out FILE [--quick]       one case (what the child JVMs run)
 * </pre>
 */
public final class BenchmarkMain {

  private final Path results;
  private final Path work;
  private final List<Benchmark> benchmarks;
  /** Run with {@code --peers} only: they need tmux, Maven 3.9 and Quarkus from Maven Central. */
  private final List<Benchmark> peers;
  /** Run with {@code --real} only: whole Maven builds in tmux, slow (Spring Boot, Lombok, a reactor). */
  private final List<Benchmark> real;

  private BenchmarkMain(Path results) {
    this.results = results.toAbsolutePath();
    this.work = this.results.getParent().resolve("work");
    this.benchmarks = List.of(new SaveToLive(work), new InPlaceSaveToLive(work), new MemoryGrowth(work),
        new FallbackMemory(work), new FixToGreen(work), new LoopOverhead(work), new SuiteOverhead(work),
        new FallbackRatio(work), new RevalidationSelection(work));
    this.peers = List.of(new PeerComparison(work));
    this.real = List.of(new RealProjects(work));
  }

  public static void main(String[] args) throws Exception {
    Path resultsFile = Path.of("target/results.json");
    boolean quick = false;
    boolean peers = false;
    boolean real = false;
    String only = null;
    String caseId = null;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--peers" -> peers = true;
        case "--real" -> real = true;
        case "--results" -> resultsFile = Path.of(args[++i]);
        case "--only" -> only = args[++i];
        case "--case" -> caseId = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; use --quick, --peers, --real, --only NAME[:CASE,...], --results FILE");
      }
    }
    BenchmarkMain main = new BenchmarkMain(resultsFile);
    if (caseId != null) {
      main.runCaseHere(caseId, quick, out);
    } else {
      main.runAll(quick, peers, real, only);
    }
  }

  private void runCaseHere(String caseId, boolean quick, Path out) throws Exception {
    String[] parts = caseId.split(":", 2);
    Map<String, Object> figures = benchmark(parts[0]).runCase(parts[1], quick);
    Files.writeString(out, Json.write(figures));
  }

  @SuppressWarnings("unchecked")
  private void runAll(boolean quick, boolean peersWanted, boolean realWanted, String only) throws Exception {
    long start = System.nanoTime();
    String loadBefore = loadAverage();
    Results collected = new Results();
    StringBuilder report = new StringBuilder();
    List<Benchmark> selected = new ArrayList<>();
    if (only != null) {
      selected.addAll(all());
    } else if (peersWanted || realWanted) {
      selected.addAll(realWanted ? real : List.of());
      selected.addAll(peersWanted ? peers : List.of());
    } else {
      selected.addAll(benchmarks);
    }
    for (Benchmark benchmark : selected) {
      String[] selection = only == null ? null : only.split(":", 2);
      if (selection != null && !selection[0].equals(benchmark.name())) {
        continue;
      }
      List<String> caseNames = selection != null && selection.length == 2
          ? List.of(selection[1].split(",")) : benchmark.cases(quick);
      Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
      for (String caseName : caseNames) {
        long caseStart = System.nanoTime();
        System.err.printf("[benchmarks] %s %s ...%n", benchmark.name(), caseName);
        Map<String, Object> figures = (Map<String, Object>) Json.parse(runChild(benchmark.name() + ":" + caseName, quick));
        cases.put(caseName, figures);
        System.err.printf("[benchmarks] %s %s done in %.1f s%n", benchmark.name(), caseName,
            (System.nanoTime() - caseStart) / 1e9);
      }
      report.append(benchmark.report(cases, collected)).append('\n');
    }
    if (collected.isEmpty()) {
      throw new IllegalArgumentException("no benchmark named " + only + "; names: "
          + all().stream().map(Benchmark::name).toList());
    }
    String loadAfter = loadAverage();
    Map<String, Object> environment = new LinkedHashMap<>();
    environment.put("finished_at", Instant.now().toString());
    environment.put("quick", quick);
    environment.put("java", Runtime.version().toString());
    environment.put("cores", Runtime.getRuntime().availableProcessors());
    environment.put("load_average_before", loadBefore);
    environment.put("load_average_after", loadAfter);
    environment.put("seconds", (System.nanoTime() - start) / 1e9);
    collected.put("environment", environment);
    collected.mergeInto(results);
    System.out.println();
    System.out.print(report);
    System.out.printf("Java %s, %d cores, load average before %s, after %s; %.0f s%s.%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter,
        (System.nanoTime() - start) / 1e9, quick ? " (--quick)" : "");
    System.out.println("Results: " + results);
  }

  private String runChild(String caseId, boolean quick) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path out = Files.createTempFile(work, "case-", ".json");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkMain.class.getName(),
        "--case", caseId, "--out", out.toString()));
    if (quick) {
      command.add("--quick");
    }
    Process process = new ProcessBuilder(command).inheritIO().start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("benchmark case " + caseId + " failed (exit " + exit + ")");
    }
    String text = Files.readString(out);
    Files.delete(out);
    return text;
  }

  private List<Benchmark> all() {
    List<Benchmark> all = new ArrayList<>(benchmarks);
    all.addAll(peers);
    all.addAll(real);
    return all;
  }

  private Benchmark benchmark(String name) {
    return all().stream().filter(b -> b.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no benchmark named " + name));
  }

  /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return String.format(java.util.Locale.ROOT, "%.2f",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
