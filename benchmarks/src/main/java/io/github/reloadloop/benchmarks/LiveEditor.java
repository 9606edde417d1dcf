package io.github.reloadloop.benchmarks;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.core.api.CompilerChoice;
import io.github.reloadloop.core.api.ReloadResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * A loaded {@link SyntheticProject} with an {@link AutoReloader} watching its sources, and an existing
 * reference to an instance of the edited class. {@link #edit} saves a body-only change and spins on that
 * reference until it returns the new value.
 */
final class LiveEditor implements AutoCloseable {

  /** One save, timed: write to new value seen, and the reloader's own split. */
  record Edit(double totalMs, double detectMs, double compileMs, double redefineMs, double reloadCpuMs, int batches) {
    double otherMs() {
      return totalMs - detectMs - compileMs - redefineMs;
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final Set<String> RELOAD_THREADS = Set.of("reload-loop-reload", "reload-loop-early-compile");

  private final SyntheticProject project;
  private final URLClassLoader loader;
  private final AutoReloader reloader;
  private final BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
  private final int edited;
  private final IntSupplier reference;
  private final Path file;
  private final String kind;
  private int value;
  private int edits;

  LiveEditor(SyntheticProject project) throws Exception {
    this(project, InPlaceEdits.BODY);
  }

  /** @param kind what each save changes (see {@link InPlaceEdits}) */
  LiveEditor(SyntheticProject project, String kind) throws Exception {
    this.project = project;
    this.kind = kind;
    this.loader = project.load();
    this.edited = project.editedClass();
    this.file = project.sourceOf(edited);
    this.value = edited;
    this.reference = (IntSupplier) loader.loadClass(SyntheticProject.className(edited))
        .getDeclaredConstructor().newInstance();
    this.reloader = AutoReloader.builder()
        .sourceRoots(project.sources)
        .outputDirectory(project.sources, project.classes)
        .compiler(CompilerChoice.JAVAC)
        .reporter(ReloadListener.NONE)
        .listener(new ReloadListener() {
          @Override
          public void reloaded(ReloadResult result) {
            results.add(result);
          }
        })
        .start();
    // Returns once the agent is loaded and the compiler warmed up: the reloader takes batches from then on.
    if (!reloader.awaitPendingReloads(Duration.ofMinutes(2))) {
      throw new IllegalStateException("the reloader did not get ready within 2 minutes");
    }
    results.clear();
  }

  /**
   * CPU time of the reloader's threads (the reload thread, and the one that compiles a save while the debounce
   * waits): what a reload costs, much less disturbed by other load than wall time.
   */
  private static long reloadCpuNanos() {
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (RELOAD_THREADS.contains(thread.getName())) {
        total += Math.max(0, CPU.getThreadCpuTime(thread.getId()));
      }
    }
    return total;
  }

  /** Saves a new return value for {@code getAsInt()} and waits until the existing reference returns it. */
  Edit edit() throws Exception {
    int expected = ++value + 1_000_000;
    String source = InPlaceEdits.source(project.classSource(edited, expected), expected, ++edits, kind);
    long cpuBefore = reloadCpuNanos();
    Instant writtenAt = Instant.now();
    long start = System.nanoTime();
    Files.writeString(file, source);
    long deadline = start + TIMEOUT.toNanos();
    while (reference.getAsInt() != expected) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the edit of " + file + " did not go live within " + TIMEOUT
            + "; reload results: " + results);
      }
      // A real program does not spin on a core; polling every 50 µs keeps the resolution without taking a
      // whole core from the reloader and the JIT on a 2-core machine.
      LockSupport.parkNanos(50_000);
    }
    long live = System.nanoTime();
    ReloadResult result = results.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (result == null) {
      throw new IllegalStateException("no reload result for the edit of " + file);
    }
    if (!result.compiledCleanly() || !result.refused().isEmpty()) {
      throw new IllegalStateException("the edit did not reload cleanly: " + result);
    }
    if (!kind.equals(InPlaceEdits.BODY) && result.inPlace().isEmpty()) {
      throw new IllegalStateException("the edit was not changed in place: " + result);
    }
    // An editor's write can arrive as two events; let any second batch finish before the next edit.
    reloader.awaitPendingReloads(TIMEOUT);
    int batches = 1 + results.size();
    double reloadCpuMs = (reloadCpuNanos() - cpuBefore) / 1e6;
    results.clear();
    double totalMs = (live - start) / 1e6;
    double detectMs = Duration.between(writtenAt, result.startedAt()).toNanos() / 1e6;
    return new Edit(totalMs, detectMs, result.compileTime().toNanos() / 1e6,
        result.redefineTime().toNanos() / 1e6, reloadCpuMs, batches);
  }

  @Override
  public void close() throws Exception {
    reloader.close();
    loader.close();
  }
}
