package io.github.reloadloop.core.support;

import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event an AutoReloader reports, for assertions from the test thread. */
public final class RecordingListener implements ReloadListener {

  public final List<List<Path>> changes = new CopyOnWriteArrayList<>();
  public final List<List<String>> compiles = new CopyOnWriteArrayList<>();
  public final List<CompileProblem> problems = new CopyOnWriteArrayList<>();
  public final List<String> redefined = new CopyOnWriteArrayList<>();
  public final List<RefusedClass> refused = new CopyOnWriteArrayList<>();
  public final List<String> warnings = new CopyOnWriteArrayList<>();
  public final List<ReloadResult> results = new CopyOnWriteArrayList<>();

  @Override
  public void changesDetected(List<Path> files) {
    changes.add(files);
  }

  @Override
  public void compiled(List<String> classNames, Duration duration) {
    compiles.add(classNames);
  }

  @Override
  public void compileFailed(List<CompileProblem> batchProblems) {
    problems.addAll(batchProblems);
  }

  @Override
  public void redefined(List<String> classNames, Duration duration) {
    redefined.addAll(classNames);
  }

  @Override
  public void redefinitionRefused(List<RefusedClass> classes) {
    refused.addAll(classes);
  }

  @Override
  public void warning(String message) {
    warnings.add(message);
  }

  @Override
  public void reloaded(ReloadResult result) {
    results.add(result);
  }

  /** Whether a batch redefined the class. */
  public boolean redefined(String className) {
    return redefined.contains(className);
  }

  /** Whether some batch compiled the class (redefined, added or refused). */
  public boolean compiled(String className) {
    return compiles.stream().anyMatch(c -> c.contains(className));
  }

  public boolean sawChangeOf(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return changes.stream().anyMatch(c -> c.contains(absolute));
  }

  public List<Path> deletedFiles() {
    return results.stream().flatMap(r -> r.deletedFiles().stream()).toList();
  }

  @Override
  public String toString() {
    return "results=" + results + "\nwarnings=" + warnings + "\nproblems=" + problems;
  }
}
