package io.github.reloadloop.core.internal.project;

import java.nio.file.Path;

/** Shows paths relative to the working directory when they are below it, as IDEs and terminals link them. */
public final class WorkingDirectory {

  private static final Path DIRECTORY = Path.of("").toAbsolutePath();

  private WorkingDirectory() {}

  /** {@code src/main/java/acme/Ledger.java} for a file below the working directory, else the absolute path. */
  public static String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(DIRECTORY) && !absolute.equals(DIRECTORY)
        ? DIRECTORY.relativize(absolute).toString()
        : absolute.toString();
  }
}
