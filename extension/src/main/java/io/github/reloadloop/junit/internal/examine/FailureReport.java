package io.github.reloadloop.junit.internal.examine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a failure for the console: which test, the exception, and the first stack frame in the user's
 * code with a few lines of source around it. Pure apart from reading the source file.
 */
public final class FailureReport {

  private static final int CONTEXT_LINES = 2;
  private static final int MAX_MESSAGE_LINES = 12;

  private FailureReport() {}

  /** Where in the user's sources a failure happened. */
  public record Location(Path file, int line, StackTraceElement frame) {}

  /** Lines describing the failure, without the header. */
  public static List<String> describe(Throwable failure, List<Path> roots) {
    List<String> lines = new ArrayList<>();
    String message = String.valueOf(failure);
    String[] messageLines = message.split("\n");
    for (int i = 0; i < Math.min(messageLines.length, MAX_MESSAGE_LINES); i++) {
      lines.add("  " + messageLines[i]);
    }
    if (messageLines.length > MAX_MESSAGE_LINES) {
      lines.add("  ... (" + (messageLines.length - MAX_MESSAGE_LINES) + " more lines)");
    }
    Optional<Location> location = firstUserFrame(failure, roots);
    if (location.isPresent()) {
      Location where = location.get();
      lines.add("  at " + where.frame());
      lines.addAll(snippet(where.file(), where.line()));
    } else if (failure.getStackTrace().length > 0) {
      lines.add("  at " + failure.getStackTrace()[0]);
    }
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      lines.add("  caused by " + cause);
      Throwable root = rootCause(cause);
      if (root != cause) { // A context that will not start wraps the bean's exception several times over.
        lines.add("  root cause " + root);
      }
    }
    return lines;
  }

  /** The last of {@code failure}'s causes (the failure itself when it has none); a cycle stops the walk. */
  private static Throwable rootCause(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable root = failure;
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    return root;
  }

  /** The first frame, walking the failure and then its causes, whose source file is under a root. */
  public static Optional<Location> firstUserFrame(Throwable failure, List<Path> roots) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        Optional<Path> source = sourceOf(frame, roots);
        if (source.isPresent() && frame.getLineNumber() > 0) {
          return Optional.of(new Location(source.get(), frame.getLineNumber(), frame));
        }
      }
    }
    return Optional.empty();
  }

  /** The source file of {@code frame} under one of {@code roots}: the frame is in the user's code. */
  public static Optional<Path> sourceOf(StackTraceElement frame, List<Path> roots) {
    if (frame.getFileName() == null) {
      return Optional.empty();
    }
    String className = frame.getClassName();
    int dot = className.lastIndexOf('.');
    String packagePath = dot < 0 ? "" : className.substring(0, dot).replace('.', '/');
    for (Path root : roots) {
      Path candidate = packagePath.isEmpty() ? root.resolve(frame.getFileName())
          : root.resolve(packagePath).resolve(frame.getFileName());
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code CONTEXT_LINES} lines either side of {@code line}, numbered, the failing one marked. */
  static List<String> snippet(Path file, int line) {
    List<String> source;
    try {
      source = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of("  (source not readable: " + e.getMessage() + ")");
    }
    List<String> lines = new ArrayList<>();
    int from = Math.max(1, line - CONTEXT_LINES);
    int to = Math.min(source.size(), line + CONTEXT_LINES);
    int width = Integer.toString(to).length();
    for (int n = from; n <= to; n++) {
      lines.add(String.format("  %s %" + width + "d | %s", n == line ? ">" : " ", n, source.get(n - 1)));
    }
    return lines;
  }
}
