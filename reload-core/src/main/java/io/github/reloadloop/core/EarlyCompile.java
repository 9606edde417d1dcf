package io.github.reloadloop.core;

import io.github.reloadloop.core.internal.compile.PatchCompiler;
import io.github.reloadloop.core.internal.compile.PatchCompiler.TriedPatch;
import io.github.reloadloop.core.internal.watch.ChangeBatcher;
import io.github.reloadloop.core.internal.watch.ChangeSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Compiles an editor's save while the debounce still waits for more events: the save's files are compiled as
 * soon as their events have been quiet for a millisecond, on a thread of its own, and the patch is used only
 * if the batch handed out at the end of the quiet period is the same files with no event after the compile
 * started reading them. Otherwise the patch is dropped (the compile read a file that was still being written)
 * and the batch is compiled as usual. What the patch would change for the next compiles (files to retry, a
 * compiler found to fit better) is {@linkplain PatchCompiler#settle settled} only for a patch that is used.
 *
 * <p>Threading: {@link #quiet} and {@link #take} on the reload thread; the compile on the early thread, never
 * while the reload thread compiles ({@link #take} waits for it first).
 */
final class EarlyCompile implements ChangeBatcher.Early, AutoCloseable {

  /** A patch compiled early, not settled yet, and when its compile started. */
  record Patch(TriedPatch tried, Instant startedAt) {}

  private record Started(Set<Path> files, long nanos, Instant at, CompletableFuture<TriedPatch> patch) {}

  private final Function<List<Path>, TriedPatch> compiler;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> Threads.daemon(task,
      "reload-loop-early-compile"));
  private Started started;
  // Written on the reload thread, read by tests after the reload's listeners have run.
  private volatile int used;
  private volatile int dropped;

  /** @param compiler compiles without settling, as {@link PatchCompiler#tryCompile} */
  EarlyCompile(Function<List<Path>, TriedPatch> compiler) {
    this.compiler = compiler;
  }

  @Override
  public void quiet(List<Path> paths, long nanos) {
    if (started != null) {
      if (!started.patch().isDone()) {
        return; // One at a time: if this one was overtaken, the batch compiles after the quiet period.
      }
      dropped++; // Overtaken by later events of the same batch, and over: this one replaces it.
      started = null;
    }
    if (paths.stream().anyMatch(EarlyCompile::empty)) {
      return; // An editor that truncates a file before writing it: the write's event comes next.
    }
    try {
      started = new Started(Set.copyOf(paths), nanos, Instant.now(),
          CompletableFuture.supplyAsync(() -> compiler.apply(paths), thread));
    } catch (RejectedExecutionException e) {
      // Closed: the batch compiles as usual.
    }
  }

  private static boolean empty(Path file) {
    try {
      return Files.size(file) == 0;
    } catch (IOException e) {
      return true; // Gone meanwhile: the batch's own check decides what it was.
    }
  }

  /**
   * The patch compiled early for {@code changes}, or {@code null} when there is none or it may have read a file
   * that changed since; waits for an early compile still running either way, so that the caller can compile.
   */
  Patch take(ChangeSet changes) throws InterruptedException {
    Started early = started;
    started = null;
    if (early == null) {
      return null;
    }
    TriedPatch patch;
    try {
      patch = early.patch().get(); // Also when it will be dropped: the caller compiles next.
    } catch (ExecutionException e) {
      dropped++;
      return null; // Compiled again, now, where the failure is reported as usual.
    }
    boolean same = changes.deleted().isEmpty() && early.files().equals(Set.copyOf(changes.changed()))
        && changes.lastEventNanos() < early.nanos();
    if (!same) {
      dropped++;
      return null;
    }
    used++;
    return new Patch(patch, early.at());
  }

  /** Whether an early compile is running; for tests, on the thread that calls {@link #quiet}. */
  boolean compiling() {
    return started != null && !started.patch().isDone();
  }

  /** Early patches used so far; for tests. */
  int used() {
    return used;
  }

  /** Early compiles dropped so far (stale, overtaken, or failed); for tests. */
  int dropped() {
    return dropped;
  }

  /** Stops the early thread, waiting a little for a compile in progress. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
