package io.github.reloadloop.core.compile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one compilation produced.
 *
 * @param classes class file bytes by binary class name, in the order the compiler wrote them
 * @param sources for each class name, the source file it came from
 * @param errors the errors; when there are any, {@code classes} must not be used
 */
public record CompileOutput(Map<String, byte[]> classes, Map<String, Path> sources, List<CompileError> errors) {

  public boolean succeeded() {
    return errors.isEmpty();
  }
}
