package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.api.CompileProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one compiler run produced.
 *
 * @param classes class file bytes by binary class name, in the order the compiler wrote them
 * @param sources for each class name, the source file it came from
 * @param problems the errors; when there are any, {@code classes} is empty
 */
record CompileOutput(Map<String, byte[]> classes, Map<String, Path> sources, List<CompileProblem> problems) {

  static CompileOutput failed(List<CompileProblem> problems) {
    return new CompileOutput(Map.of(), Map.of(), List.copyOf(problems));
  }

  boolean succeeded() {
    return problems.isEmpty();
  }
}
