package io.github.reloadloop.core;

import java.nio.file.Path;

/** Shows paths relative to the working directory when they are below it. */
final class Paths {

  private static final Path WORKING_DIRECTORY = Path.of("").toAbsolutePath();

  private Paths() {}

  static String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(WORKING_DIRECTORY) && !absolute.equals(WORKING_DIRECTORY)
        ? WORKING_DIRECTORY.relativize(absolute).toString()
        : absolute.toString();
  }
}
