package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.api.CompilerChoice;
import io.github.reloadloop.core.internal.overlay.Overlay;
import io.github.reloadloop.core.internal.project.ProjectLayout;
import io.github.reloadloop.core.internal.project.WorkingDirectory;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The compile stage: turns changed source files into a {@link CompiledPatch}. Each file is compiled as the
 * build compiled its classes (release, {@code -parameters}, preview, compiler); classes that inlined a
 * changed constant or use a changed member are recompiled with it; when the patch differs from the previous
 * version only in compiler-generated members, the other compiler is tried and the better fit kept. All or
 * nothing: if any file does not compile, the patch carries the problems and no class, and the files are
 * compiled again with the next batch.
 *
 * <p>A compile is a value in two steps: {@link #tryCompile} compiles and returns a {@link TriedPatch} without
 * changing anything for later compiles, so that a compile started before its batch was complete (an early
 * compile) can be dropped; {@link #settle} takes the tried patch that is used and remembers what it means for
 * the next compiles. {@link #compile} is both at once.
 *
 * <p>Threading: {@link #compile} and {@link #settle} on the reload thread, {@link #tryCompile} there or on the
 * thread that compiles a save early, never while the other compiles; the {@linkplain #warmUp() warm-up} on
 * the threads its class names; {@link #status()} from any thread.
 */
public final class PatchCompiler implements AutoCloseable {

  private final ProjectLayout layout;
  private final Overlay overlay;
  private final SourceReader reader;
  private final Compilers compilers;
  private final BuildSettings builds;
  private final CompilerSelection selection;
  private final GroupedCompile grouped;
  private final CompilerWarmUp warmUp;
  /** Files whose last compile failed: they are compiled again with the next batch. */
  private final Set<Path> failed = new LinkedHashSet<>();

  /**
   * @param jvmClasspath the running JVM's classpath; patches compile against the overlays, then the class
   *     directories, then this
   * @param processorPath entries searched for annotation processors before the classpath
   * @param instrumentation the agent's instrumentation, or {@code null} while it is not loaded: javac keeps
   *     its context between compiles once the agent has opened javac's internals
   */
  public PatchCompiler(ProjectLayout layout, Overlay overlay, CompilerChoice choice, List<Path> jvmClasspath,
      Charset encoding, List<Path> processorPath, Supplier<Instrumentation> instrumentation) {
    this.layout = layout;
    this.overlay = overlay;
    this.reader = new SourceReader(encoding);
    this.builds = new BuildSettings(layout);
    this.selection = new CompilerSelection(choice, layout, builds);
    this.grouped = new GroupedCompile(builds, overlay);
    LinkedHashSet<Path> classpath = new LinkedHashSet<>();
    if (overlay.staging() != null) {
      classpath.add(overlay.staging());
    }
    for (Path classDirectory : layout.classDirectories().values()) {
      Path overlayDirectory = overlay.directoryFor(classDirectory);
      if (overlayDirectory != null) {
        classpath.add(overlayDirectory);
      }
    }
    classpath.addAll(layout.classDirectories().values());
    classpath.addAll(jvmClasspath);
    this.compilers = new Compilers(List.copyOf(classpath), encoding, processorPath, instrumentation,
        warmUpSource(overlay.ownDirectory()));
    this.warmUp = new CompilerWarmUp(layout, reader, compilers, builds, selection);
  }

  /**
   * Writes the warm-up class into the reloader's own directory (ecj compiles only sources that exist as
   * files), before any warm-up starts: a warm-up still running when the reloader closes writes nothing after
   * the directory is gone. {@code null} when there is no such directory or the file cannot be written.
   */
  private static Path warmUpSource(Path ownDirectory) {
    if (ownDirectory == null) {
      return null;
    }
    Path file = ownDirectory.resolve("warm-up").resolve(SourceCompiler.WARM_UP_CLASS + ".java");
    try {
      Overlay.writeAtomically(file, SourceCompiler.WARM_UP_SOURCE.getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      // The compilers then write the warm-up class into a temporary directory of their own.
      return null;
    }
  }

  /** The warm-up of this stage's compilers. */
  public CompilerWarmUp warmUp() {
    return warmUp;
  }

  /**
   * What the compile stage tells for a status.
   *
   * @param compiler {@code javac}, {@code ecj}, or {@code auto: javac}
   * @param releases for each source root, the release a new class is compiled for
   */
  public record Status(String compiler, Map<Path, Integer> releases) {}

  /** The compiler in use and each root's release; any thread. */
  public Status status() {
    Map<Path, Integer> releases = new LinkedHashMap<>();
    layout.sourceRoots().forEach(root -> releases.put(root, builds.releaseOf(root)));
    return new Status(selection.describe(), releases);
  }

  /**
   * Compiles the changed files, together with those whose last compile failed.
   *
   * @param changed source files that exist (deleted ones are the watcher's business)
   */
  public CompiledPatch compile(List<Path> changed) {
    return settle(tryCompile(changed));
  }

  /**
   * A compile not settled yet: the patch, and what it means for later compiles if it is used.
   *
   * @param patch what the compile produced
   * @param betterFit the compiler found to fit the files better than the one that built them, or {@code null}
   * @param files the files compiled, those that failed before included
   */
  public record TriedPatch(CompiledPatch patch, CompilerKind betterFit, Set<Path> files) {}

  /**
   * Compiles as {@link #compile} does, without remembering what the patch means for later compiles (which
   * files failed, which compiler fits them): for a compile started before its batch was complete, whose patch
   * may be dropped. {@link #settle} the patch that is used. Not while another compile of this compiler runs.
   */
  public TriedPatch tryCompile(List<Path> changed) {
    long start = System.nanoTime();
    Set<Path> files = new LinkedHashSet<>();
    changed.forEach(f -> files.add(f.toAbsolutePath().normalize()));
    failed.stream().filter(Files::isRegularFile).forEach(files::add);
    List<String> warnings = new ArrayList<>();
    if (files.isEmpty()) {
      return new TriedPatch(new CompiledPatch(List.of(), List.of(), List.of(), "", Duration.ZERO, List.of()), null,
          Set.of());
    }
    List<SourceFile> sources = new ArrayList<>();
    List<CompileProblem> unreadable = new ArrayList<>();
    for (Path file : files) {
      try {
        SourceFile source = reader.read(file);
        warnIfMisplaced(source, warnings);
        sources.add(source);
      } catch (SourceReader.UnreadableSource e) {
        unreadable.add(e.problem);
      }
    }
    if (!unreadable.isEmpty()) {
      return new TriedPatch(failed(List.copyOf(files), unreadable, "", start, warnings), null, Set.copyOf(files));
    }
    warmUp.saved(files.iterator().next());
    CompilerKind kind = selection.choose(files);
    Attempt attempt = compileWithDependents(kind, sources, warnings);
    CompilerKind better = null;
    if (attempt.output().succeeded() && selection.automatic() && attempt.judgement().onlySyntheticDifferences()) {
      Attempt other = compileWithDependents(kind.other(), attempt.sources(), warnings);
      if (other.output().succeeded() && other.judgement().differences() < attempt.judgement().differences()) {
        attempt = other;
        better = other.kind();
      }
    }
    List<Path> compiled = attempt.sources().stream().map(SourceFile::path).toList();
    CompiledPatch patch = !attempt.output().succeeded()
        ? failed(compiled, attempt.output().problems(), CompilerSelection.name(attempt.kind()), start, warnings)
        : new CompiledPatch(compiled, classes(attempt.output()), List.of(), CompilerSelection.name(attempt.kind()),
            Duration.ofNanos(System.nanoTime() - start), warnings);
    return new TriedPatch(patch, better, Set.copyOf(files));
  }

  /** One compiler's patch: the sources it compiled (dependents included), what came out, how it fits. */
  private record Attempt(CompilerKind kind, List<SourceFile> sources, CompileOutput output, Judgement judgement) {}

  private Attempt compileWithDependents(CompilerKind kind, List<SourceFile> batch, List<String> warnings) {
    List<SourceFile> sources = new ArrayList<>(batch);
    SourceCompiler compiler = compilers.forSave(kind);
    CompileOutput output = grouped.compile(compiler, sources, warnings::add);
    if (!output.succeeded()) {
      return new Attempt(kind, sources, output, Judgement.NONE);
    }
    Judgement judgement = judge(output);
    if (!judgement.affected().isEmpty()) {
      Set<Path> compiledFiles = new LinkedHashSet<>(sources.stream().map(SourceFile::path).toList());
      List<SourceFile> dependents = dependents(judgement.affected(), compiledFiles, warnings);
      if (!dependents.isEmpty()) {
        sources.addAll(dependents);
        output = grouped.compile(compiler, sources, warnings::add);
        judgement = output.succeeded() ? judge(output) : Judgement.NONE;
      }
    }
    return new Attempt(kind, sources, output, judgement);
  }

  private Judgement judge(CompileOutput output) {
    return Judgement.of(output, overlay, name -> classDirectoryOf(name, output));
  }

  private List<SourceFile> dependents(Set<String> affected, Set<Path> compiled, List<String> warnings) {
    List<SourceFile> found = new ArrayList<>();
    for (Path file : DependentFinder.find(layout.sourceRoots(), affected, compiled)) {
      try {
        found.add(reader.read(file));
      } catch (SourceReader.UnreadableSource e) {
        warnings.add("cannot recompile dependent " + e.problem);
      }
    }
    return found;
  }

  private List<CompiledClass> classes(CompileOutput output) {
    List<CompiledClass> classes = new ArrayList<>();
    output.classes().forEach((name, bytes) -> {
      Path classDirectory = classDirectoryOf(name, output);
      classes.add(new CompiledClass(name, bytes, sourceOf(name, output), classDirectory,
          overlay.directoryFor(classDirectory)));
    });
    return classes;
  }

  /** The source of a class; a class the compiler did not attribute belongs with its top-level class. */
  private static Path sourceOf(String name, CompileOutput output) {
    Path source = output.sources().get(name);
    if (source == null && name.contains("$")) {
      source = output.sources().get(name.substring(0, name.indexOf('$')));
    }
    if (source == null && !output.sources().isEmpty()) {
      source = output.sources().values().iterator().next();
    }
    return source;
  }

  private Path classDirectoryOf(String name, CompileOutput output) {
    Path source = sourceOf(name, output);
    return source == null ? null : layout.classDirectoryOf(source);
  }

  /**
   * Remembers what a tried patch that is used means for the next compiles: the files of a patch that failed
   * are compiled again with the next batch, and a compiler found to fit the files better than the one that
   * built them is used for them from then on.
   *
   * @return its patch
   */
  public CompiledPatch settle(TriedPatch tried) {
    CompiledPatch patch = tried.patch();
    failed.clear();
    if (!patch.succeeded()) {
      failed.addAll(patch.sources());
    }
    if (tried.betterFit() != null) {
      selection.remember(tried.betterFit(), tried.files());
    }
    return patch;
  }

  private static CompiledPatch failed(List<Path> files, List<CompileProblem> problems, String compiler, long start,
      List<String> warnings) {
    return new CompiledPatch(files, List.of(), problems, compiler, Duration.ofNanos(System.nanoTime() - start),
        warnings);
  }

  private void warnIfMisplaced(SourceFile source, List<String> warnings) {
    Path root = layout.rootOf(source.path());
    String declared = root == null ? null : SourceReader.misplacedPackage(source, root);
    if (declared != null) {
      warnings.add(WorkingDirectory.display(source.path()) + " declares package '" + declared
          + "', which does not match its directory; its classes are compiled into that package");
    }
  }

  /**
   * Releases the compilers' open jar files.
   *
   * @return what went wrong, one message per compiler that could not be closed
   */
  public List<String> closeCompilers() {
    return compilers.closeAll();
  }

  @Override
  public void close() {
    closeCompilers();
  }
}
