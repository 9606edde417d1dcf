package io.github.reloadloop.core.api;

import io.github.reloadloop.core.internal.project.WorkingDirectory;
import java.nio.file.Path;

/**
 * A reason why changed sources were not reloaded: a compile error, or a file that could not be read.
 *
 * @param file the source file, or {@code null} when the problem is not about one file
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong, in the compiler's words
 * @since 0.1.0
 */
public record CompileProblem(Path file, long line, long column, String message) {

  /** {@code path/File.java:12:5: message}, the form IDEs and terminals turn into links. */
  @Override
  public String toString() {
    if (file == null) {
      return message;
    }
    StringBuilder location = new StringBuilder(WorkingDirectory.display(file));
    if (line > 0) {
      location.append(':').append(line);
      if (column > 0) {
        location.append(':').append(column);
      }
    }
    return location + ": " + message;
  }
}
