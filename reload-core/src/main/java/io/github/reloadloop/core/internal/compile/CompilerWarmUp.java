package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.internal.project.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Warms up the compiler that builds the patches, so that the first saves do not run its code interpreted:
 * a few compiles on the compiler of the saves ({@link #first}; a save meanwhile compiles on the warm-up's own
 * compiler, see {@link Compilers#forSave}), then more, while the program is idle, on a compiler of its own
 * ({@link #more}), so that a save that cancels one does not cost the compiler of the saves its kept context. Each compile is of the project file saved last (the newest at
 * the first warm-up), one project file per annotation type the processors claim ({@link ProcessorExemplars}),
 * and a small class of its own; see {@link SourceCompiler#warmUp}.
 *
 * <p>Threading: {@link #first}, {@link #more} and {@link #end} on the warm-up thread, one after the other;
 * {@link #saved} from the thread that compiles.
 */
public final class CompilerWarmUp {

  private final ProjectLayout layout;
  private final SourceReader reader;
  private final Compilers compilers;
  private final BuildSettings builds;
  private final CompilerSelection selection;
  /** The project file the warm-up compiles too: the last one saved, else the newest at the first warm-up. */
  private volatile Path file;
  /** The project files that run each annotation processor, found at the first warm-up; {@code null} until then. */
  private volatile List<Path> exemplars;
  /** The compiler the warm-up warms, chosen at the first warm-up. */
  private volatile CompilerKind kind = CompilerKind.JAVAC;

  CompilerWarmUp(ProjectLayout layout, SourceReader reader, Compilers compilers, BuildSettings builds,
      CompilerSelection selection) {
    this.layout = layout;
    this.reader = reader;
    this.compilers = compilers;
    this.builds = builds;
    this.selection = selection;
  }

  /**
   * Warms up the compiler the first root most likely needs, for up to {@code rounds} compiles.
   *
   * @param newest the most recently modified source, compiled too until a save names another; may be
   *     {@code null}
   * @return the rounds completed
   */
  public int first(Path newest, int rounds, BooleanSupplier cancelled) {
    if (file == null) {
      file = newest;
    }
    kind = selection.initial();
    return warmUp(compilers.get(kind), rounds, cancelled);
  }

  /**
   * Warms up more, for up to {@code rounds} compiles, on a compiler of its own; {@link #end()} releases it.
   * For a thread of its own, after {@link #first}; compiles of saves may run meanwhile.
   *
   * @return the rounds completed
   */
  public int more(int rounds, BooleanSupplier cancelled) {
    return warmUp(compilers.warmUp(kind), rounds, cancelled);
  }

  /**
   * Releases the compiler of {@link #more}.
   *
   * @return what went wrong closing it
   */
  public List<String> end() {
    return compilers.closeWarmUp();
  }

  /** A save of {@code saved} was compiled: the warm-up compiles it from now on. */
  void saved(Path saved) {
    file = saved;
  }

  private List<Path> exemplars(SourceCompiler compiler) {
    List<Path> found = exemplars;
    if (found == null) {
      Set<String> claimed = compiler.processedAnnotations();
      found = claimed.isEmpty() ? List.of() : List.copyOf(ProcessorExemplars.find(layout.sourceRoots(), claimed));
      exemplars = found;
    }
    return found;
  }

  private int warmUp(SourceCompiler compiler, int rounds, BooleanSupplier cancelled) {
    Path project = file;
    List<SourceFile> sources = new ArrayList<>();
    CompileSettings settings;
    if (project != null && Files.isRegularFile(project)) {
      settings = builds.of(project).settings();
      try {
        sources.add(reader.read(project));
      } catch (SourceReader.UnreadableSource e) {
        // Warmed up without it.
      }
    } else {
      List<Path> roots = layout.sourceRoots();
      settings = roots.isEmpty() ? CompileSettings.ofRunningJvm() : builds.defaultsFor(roots.get(0));
    }
    for (Path exemplar : exemplars(compiler)) {
      if (!exemplar.equals(project) && builds.of(exemplar).settings().equals(settings)) {
        try {
          sources.add(reader.read(exemplar));
        } catch (SourceReader.UnreadableSource e) {
          // Warmed up without it.
        }
      }
    }
    return compiler.warmUp(settings, rounds, sources, cancelled);
  }
}
