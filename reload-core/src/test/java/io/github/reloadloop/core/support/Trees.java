package io.github.reloadloop.core.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes files into directory trees shaped like checkouts. */
public final class Trees {

  private Trees() {}

  /** Writes {@code text} to {@code base/relative}, creating the directories on the way. */
  public static Path write(Path base, String relative, String text) throws IOException {
    Path file = base.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
