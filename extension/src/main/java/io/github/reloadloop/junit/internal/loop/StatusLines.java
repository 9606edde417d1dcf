package io.github.reloadloop.junit.internal.loop;

import static io.github.reloadloop.junit.internal.run.Words.plural;

import io.github.reloadloop.core.api.ReloadStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code status} shows: the reloader's state, auto-rerun, and the class loaders in use. Pure. */
final class StatusLines {

  private StatusLines() {}

  /**
   * @param autoRerun whether auto-rerun is on
   * @param freshLoader the name of the fresh class loader in use, or {@code null} while every change was
   *     redefined in place
   */
  static List<String> of(ReloadStatus status, boolean autoRerun, String freshLoader) {
    List<String> lines = new ArrayList<>(ofReloader(status));
    lines.add("auto-rerun:     " + (autoRerun
        ? "on (each reload that applies reruns the failed test; auto off stops it)"
        : "off (continue reruns the failed test; auto on reruns it after each reload)"));
    lines.add("class loaders:  " + (freshLoader == null ? "the original one (every change was redefined in place)"
        : "the original one for tests that reach no changed shape; " + freshLoader + " for the others and for reruns"));
    return lines;
  }

  /** The reloader's part: what is watched, the compiler, what was reloaded, what is outstanding. */
  private static List<String> ofReloader(ReloadStatus status) {
    List<String> lines = new ArrayList<>(RootLines.of(status, LoopConfiguration.moduleDirectory()));
    lines.add("compiler:       " + status.compiler() + "; agent: " + status.agent() + "; enhanced redefinition: "
        + (status.enhancedRedefinition() ? "yes (schema changes are redefined in place)" : "no"));
    lines.add("reloaded:       " + (status.reloadedClasses().isEmpty() ? "nothing yet"
        : plural(status.reloadedClasses().size(), "class") + " ("
            + ConsoleReloadListener.names(status.reloadedClasses()) + ")"));
    status.inPlace().forEach((name, changes) -> lines.add("in place:       " + name
        + (changes.isEmpty() ? "" : " (" + String.join(", ", changes) + ")") + ", same objects, no fresh loader"));
    if (!status.recentReloadTimes().isEmpty()) {
      lines.add("last reloads:   " + String.join(", ", status.recentReloadTimes().stream()
          .map(d -> Long.toString(d.toMillis())).toList()) + " ms from save to redefined");
    }
    if (status.problems().isEmpty()) {
      lines.add("compile errors: none");
    } else {
      lines.add("compile errors:");
      status.problems().forEach(p -> lines.add("  " + p));
    }
    if (!status.prepared().isEmpty()) {
      lines.add("prepared:       " + plural(status.prepared().size(), "class") + " near the failure, read as they"
          + " run (unchanged) for a faster first reload: " + byPackage(status.prepared()));
    }
    if (!status.notPrepared().isEmpty()) {
      lines.add("not prepared (their first reload takes longer):");
      new TreeMap<>(status.notPrepared()).forEach((name, why) -> lines.add("  " + name + ": " + why));
    }
    if (!status.refused().isEmpty()) {
      lines.add("changed shape (reruns use a fresh class loader):");
      status.refused().values().forEach(r -> lines.add("  " + r.describe()));
    }
    return lines;
  }

  /** Class names grouped by package: {@code shop.{OrderController, Pricing}, shop.web.Api}. */
  static String byPackage(List<String> classNames) {
    Map<String, List<String>> byPackage = new TreeMap<>();
    for (String name : classNames) {
      int dot = name.lastIndexOf('.');
      byPackage.computeIfAbsent(dot < 0 ? "" : name.substring(0, dot), p -> new ArrayList<>())
          .add(name.substring(dot + 1));
    }
    List<String> groups = new ArrayList<>();
    byPackage.forEach((pkg, names) -> {
      Collections.sort(names);
      String prefix = pkg.isEmpty() ? "" : pkg + ".";
      groups.add(names.size() == 1 ? prefix + names.get(0) : prefix + "{" + String.join(", ", names) + "}");
    });
    return String.join(", ", groups);
  }
}
