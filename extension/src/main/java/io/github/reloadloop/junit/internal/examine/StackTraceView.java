package io.github.reloadloop.junit.internal.examine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code where} command's rendering of a failure: the whole stack trace with causes and suppressed
 * exceptions, the user's frames marked with {@code >} and shown with {@code file:line}, runs of library
 * frames folded into one line ({@code ... 23 frames in org.junit}).
 */
final class StackTraceView {

  private static final int GROUPS_NAMED = 3;

  private final List<Path> roots;
  private final Path moduleDirectory;
  private final List<String> lines = new ArrayList<>();
  private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  private StackTraceView(List<Path> roots, Path moduleDirectory) {
    this.roots = roots;
    this.moduleDirectory = moduleDirectory;
  }

  static List<String> render(Throwable failure, List<Path> roots, Path moduleDirectory) {
    StackTraceView view = new StackTraceView(roots, moduleDirectory);
    view.throwable(failure, "", "", new StackTraceElement[0]);
    return view.lines;
  }

  private void throwable(Throwable t, String indent, String label, StackTraceElement[] enclosing) {
    if (!seen.add(t)) {
      lines.add(indent + label + "[circular reference: " + t + "]");
      return;
    }
    String[] message = String.valueOf(t).split("\n");
    lines.add(indent + label + message[0]);
    for (int i = 1; i < message.length; i++) {
      lines.add(indent + "    " + message[i]);
    }
    StackTraceElement[] frames = t.getStackTrace();
    int common = commonTail(frames, enclosing);
    frames(frames, frames.length - common, indent);
    if (common > 0) {
      lines.add(indent + "    ... " + common + " more, as above");
    }
    for (Throwable suppressed : t.getSuppressed()) {
      throwable(suppressed, indent + "  ", "Suppressed: ", frames);
    }
    if (t.getCause() != null) {
      throwable(t.getCause(), indent, "Caused by: ", frames);
    }
  }

  private void frames(StackTraceElement[] frames, int count, String indent) {
    int folded = 0;
    Set<String> libraries = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      Optional<Path> source = FailureReport.sourceOf(frames[i], roots);
      if (source.isEmpty() || frames[i].getLineNumber() <= 0) {
        folded++;
        libraries.add(library(frames[i].getClassName()));
        continue;
      }
      fold(indent, folded, libraries);
      folded = 0;
      libraries.clear();
      lines.add(indent + "  > " + frames[i].getClassName() + "." + frames[i].getMethodName() + "  "
          + display(source.get()) + ":" + frames[i].getLineNumber());
    }
    fold(indent, folded, libraries);
  }

  private void fold(String indent, int folded, Set<String> libraries) {
    if (folded == 0) {
      return;
    }
    List<String> named = new ArrayList<>(libraries);
    String names = String.join(", ", named.subList(0, Math.min(GROUPS_NAMED, named.size())))
        + (named.size() > GROUPS_NAMED ? " and more" : "");
    lines.add(indent + "    ... " + folded + (folded == 1 ? " frame in " : " frames in ") + names);
  }

  private String display(Path source) {
    return source.startsWith(moduleDirectory) ? moduleDirectory.relativize(source).toString() : source.toString();
  }

  /** The first two parts of a class's package, which stand for its library: {@code org.junit}, {@code java.lang}. */
  static String library(String className) {
    String[] parts = className.split("\\.");
    return parts.length <= 2 ? parts[0] : parts[0] + "." + parts[1];
  }

  private static int commonTail(StackTraceElement[] frames, StackTraceElement[] enclosing) {
    int m = frames.length - 1;
    int n = enclosing.length - 1;
    int common = 0;
    while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
      m--;
      n--;
      common++;
    }
    return common;
  }
}
