package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.api.CompilerChoice;
import io.github.reloadloop.core.internal.project.ProjectLayout;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which compiler builds a patch: the one the user chose, or with {@link CompilerChoice#AUTO} the one that
 * built the files' classes (most of the batch's files decide; a tie goes to the root's compiler, then to
 * javac). When a patch from the other compiler fits the running classes better, it is remembered for those
 * files and their root.
 *
 * <p>Threading: used by one compile at a time, on the reload thread or on the thread that compiles a save
 * early (see {@link PatchCompiler#tryCompile}); {@link #describe()} may be read from any thread.
 */
final class CompilerSelection {

  private final CompilerChoice choice;
  private final ProjectLayout layout;
  private final BuildSettings builds;
  private final Map<Path, CompilerKind> fileCompilers = new HashMap<>();
  private final Map<Path, CompilerKind> rootCompilers = new HashMap<>();
  private volatile String description;

  CompilerSelection(CompilerChoice choice, ProjectLayout layout, BuildSettings builds) {
    this.choice = choice;
    this.layout = layout;
    this.builds = builds;
    this.description = describe(choice, layout.sourceRoots().isEmpty() ? null
        : builds.compilerOf(layout.sourceRoots().get(0)).orElse(CompilerKind.JAVAC));
  }

  /** Whether the compiler is chosen automatically, so that the other one may be tried. */
  boolean automatic() {
    return choice == CompilerChoice.AUTO;
  }

  /** The compiler to start the warm-up with: the first root's. */
  CompilerKind initial() {
    return switch (choice) {
      case JAVAC -> CompilerKind.JAVAC;
      case ECJ -> CompilerKind.ECJ;
      case AUTO -> layout.sourceRoots().isEmpty() ? CompilerKind.JAVAC
          : rootCompiler(layout.sourceRoots().get(0));
    };
  }

  /** The compiler for a batch of source files. */
  CompilerKind choose(Collection<Path> files) {
    if (choice != CompilerChoice.AUTO) {
      return initial();
    }
    int javac = 0;
    int ecj = 0;
    Path first = null;
    for (Path file : files) {
      first = first == null ? file : first;
      CompilerKind kind = fileCompilers.containsKey(file) ? fileCompilers.get(file)
          : builds.of(file).compiler().orElse(null);
      javac += kind == CompilerKind.JAVAC ? 1 : 0;
      ecj += kind == CompilerKind.ECJ ? 1 : 0;
    }
    if (javac != ecj) {
      return javac > ecj ? CompilerKind.JAVAC : CompilerKind.ECJ;
    }
    Path root = first == null ? null : layout.rootOf(first);
    return root == null ? CompilerKind.JAVAC : rootCompiler(root);
  }

  /** Remembers that {@code kind} fits these files (and their roots) better than the compiler first chosen. */
  void remember(CompilerKind kind, Collection<Path> files) {
    for (Path file : files) {
      fileCompilers.put(file, kind);
      Path root = layout.rootOf(file);
      if (root != null) {
        rootCompilers.put(root, kind);
      }
    }
    description = describe(choice, initial());
  }

  /** {@code javac}, {@code ecj}, or {@code auto: javac} (the first root's compiler as far as known). */
  String describe() {
    return description;
  }

  private CompilerKind rootCompiler(Path root) {
    CompilerKind remembered = rootCompilers.get(root);
    return remembered != null ? remembered : builds.compilerOf(root).orElse(CompilerKind.JAVAC);
  }

  private static String describe(CompilerChoice choice, CompilerKind automatic) {
    return switch (choice) {
      case JAVAC -> "javac";
      case ECJ -> "ecj";
      case AUTO -> "auto: " + name(automatic == null ? CompilerKind.JAVAC : automatic);
    };
  }

  static String name(CompilerKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
