package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.internal.overlay.Overlay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Compiles a batch whose files were built with different settings (main classes for release 8, tests for
 * 11, a {@code META-INF/versions/11} layer) in one compile per settings, lowest release first. Each group's
 * classes are staged where the next groups' compiles find them, so a test saved together with the main class
 * it now uses compiles; a group that failed is tried once more after the others.
 */
final class GroupedCompile {

  private static final Comparator<CompileSettings> ORDER = Comparator.comparingInt(CompileSettings::release)
      .thenComparing(CompileSettings::parameters).thenComparing(CompileSettings::preview);

  private final BuildSettings builds;
  private final Overlay overlay;

  GroupedCompile(BuildSettings builds, Overlay overlay) {
    this.builds = builds;
    this.overlay = overlay;
  }

  /** Compiles {@code sources} in groups; {@code warnings} hears of trouble with the staging directory. */
  CompileOutput compile(SourceCompiler compiler, List<SourceFile> sources, Consumer<String> warnings) {
    Map<CompileSettings, List<SourceFile>> groups = new TreeMap<>(ORDER);
    for (SourceFile source : sources) {
      groups.computeIfAbsent(builds.of(source.path()).settings(), s -> new ArrayList<>()).add(source);
    }
    if (groups.size() == 1) {
      var only = groups.entrySet().iterator().next();
      return compiler.compile(only.getValue(), only.getKey());
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Map<String, Path> origins = new LinkedHashMap<>();
    List<Map.Entry<CompileSettings, List<SourceFile>>> pending = new ArrayList<>(groups.entrySet());
    List<CompileProblem> problems = new ArrayList<>();
    try {
      for (int pass = 0; pass < 2 && !pending.isEmpty(); pass++) {
        List<Map.Entry<CompileSettings, List<SourceFile>>> failed = new ArrayList<>();
        problems.clear();
        for (var group : pending) {
          CompileOutput output = compiler.compile(group.getValue(), group.getKey());
          if (output.succeeded()) {
            classes.putAll(output.classes());
            origins.putAll(output.sources());
            stage(output);
          } else {
            failed.add(group);
            problems.addAll(output.problems());
          }
        }
        if (failed.size() == pending.size()) {
          break; // Nothing new was staged: another pass would fail the same way.
        }
        pending = failed;
      }
    } finally {
      clearStaging(warnings);
    }
    return pending.isEmpty() ? new CompileOutput(classes, origins, List.of()) : CompileOutput.failed(problems);
  }

  private void stage(CompileOutput output) {
    if (overlay.staging() == null) {
      return;
    }
    try {
      for (var entry : output.classes().entrySet()) {
        overlay.writeStaged(entry.getKey(), entry.getValue());
      }
    } catch (IOException e) {
      // Not staged: later groups compile against the previous versions, and report what no longer fits.
      return;
    }
  }

  private void clearStaging(Consumer<String> warnings) {
    try {
      overlay.clearStaging();
    } catch (IOException e) {
      warnings.accept("cannot empty " + overlay.staging() + " (" + e + "); classes left there shadow their"
          + " newer versions in later compiles");
    }
  }
}
