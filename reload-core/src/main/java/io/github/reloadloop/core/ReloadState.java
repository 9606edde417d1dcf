package io.github.reloadloop.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the reloader has done so far and what is outstanding. Thread-safe: read by {@code status()}. */
final class ReloadState {

  private final Set<Path> failedFiles = new LinkedHashSet<>();
  private List<CompileProblem> problems = List.of();
  private final Map<String, RefusedClass> refused = new LinkedHashMap<>();
  private final Set<String> reloadedClasses = new LinkedHashSet<>();
  private int reloads;

  synchronized Set<Path> failedFiles() {
    return Set.copyOf(failedFiles);
  }

  synchronized void failed(List<Path> files, List<CompileProblem> batchProblems) {
    failedFiles.clear();
    failedFiles.addAll(files);
    problems = List.copyOf(batchProblems);
  }

  /** Only deletions in the batch: files that failed before are gone, so are their problems. */
  synchronized void nothingToCompile() {
    failedFiles.clear();
    problems = List.of();
  }

  synchronized void applied(List<String> redefined, List<String> added, Map<String, RefusedClass> newlyRefused) {
    failedFiles.clear();
    problems = List.of();
    redefined.forEach(refused::remove);
    added.forEach(refused::remove);
    refused.putAll(newlyRefused);
    reloadedClasses.addAll(redefined);
    if (!redefined.isEmpty() || !added.isEmpty() || !newlyRefused.isEmpty()) {
      reloads++;
    }
  }

  synchronized List<CompileProblem> problems() {
    return problems;
  }

  synchronized Map<String, RefusedClass> refused() {
    return Map.copyOf(refused);
  }

  synchronized List<String> reloadedClasses() {
    return List.copyOf(reloadedClasses);
  }

  synchronized int reloads() {
    return reloads;
  }
}
