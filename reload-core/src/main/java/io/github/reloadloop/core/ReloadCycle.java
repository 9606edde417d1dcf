package io.github.reloadloop.core;

import io.github.reloadloop.core.compile.CompileOutput;
import io.github.reloadloop.core.compile.CompilerKind;
import io.github.reloadloop.core.compile.SourceCompiler;
import io.github.reloadloop.core.compile.SourceFile;
import io.github.reloadloop.core.redefine.ClassShape;
import io.github.reloadloop.core.redefine.Redefiner;
import io.github.reloadloop.core.redefine.ShapeComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Applies one batch of source changes: read, compile, compare shapes, recompile dependents, redefine,
 * write class files, run {@link OnReload} hooks. All or nothing for compile problems: if any file of the
 * batch (or a dependent) does not compile, nothing is applied and the files are retried with the next batch.
 */
final class ReloadCycle {

  /** How long a vanished file may take to come back before it counts as deleted. */
  static final Duration DELETE_GRACE = Duration.ofMillis(100);

  private final List<Path> roots;
  private final ProjectLayout layout;
  private final CompilerChoice choice;
  private final Function<CompilerKind, SourceCompiler> compilers;
  private final Supplier<Redefiner> redefiner;
  private final boolean enhanced;
  private final SourceReader reader;
  private final ReloadListener listener;
  private final ShapeCache shapes = new ShapeCache();
  private final ClassFileWriter writer;
  private final ReloadState state = new ReloadState();
  /** Per source file, the compiler its running classes came from (only touched on the reload thread). */
  private final Map<Path, Optional<CompilerKind>> fingerprints = new java.util.HashMap<>();

  ReloadCycle(List<Path> roots, ProjectLayout layout, CompilerChoice choice,
      Function<CompilerKind, SourceCompiler> compilers, Supplier<Redefiner> redefiner, boolean enhanced,
      SourceReader reader, ReloadListener listener) {
    this.roots = roots;
    this.layout = layout;
    this.choice = choice;
    this.compilers = compilers;
    this.redefiner = redefiner;
    this.enhanced = enhanced;
    this.reader = reader;
    this.listener = listener;
    this.writer = new ClassFileWriter(roots, layout, listener);
  }

  ReloadState state() {
    return state;
  }

  ReloadResult process(Set<Path> paths) {
    Instant started = Instant.now();
    Set<Path> candidates = new LinkedHashSet<>();
    paths.forEach(p -> candidates.add(p.toAbsolutePath().normalize()));
    candidates.addAll(state.failedFiles());
    List<Path> existing = new ArrayList<>();
    List<Path> deleted = new ArrayList<>();
    for (Path file : candidates) {
      (Files.isRegularFile(file) ? existing : deleted).add(file);
    }
    reappeared(deleted).forEach(file -> {
      deleted.remove(file);
      existing.add(file);
    });
    listener.changesDetected(List.copyOf(candidates));
    deleted.forEach(f -> listener.warning("deleted " + Paths.display(f) + ": its classes keep running their last version"));
    Batch batch = new Batch(started, existing, deleted);
    if (existing.isEmpty()) {
      state.nothingToCompile();
      return batch.result(List.of(), "", Duration.ZERO, Duration.ZERO);
    }
    List<SourceFile> sources = new ArrayList<>();
    List<CompileProblem> unreadable = new ArrayList<>();
    for (Path file : existing) {
      try {
        SourceFile source = reader.read(file);
        warnIfMisplaced(source);
        sources.add(source);
      } catch (SourceReader.UnreadableSource e) {
        unreadable.add(e.problem);
      }
    }
    if (!unreadable.isEmpty()) {
      return fail(batch, unreadable, "", Duration.ZERO);
    }
    CompilerKind kind = chooseCompiler(existing);
    long compileStart = System.nanoTime();
    CompileOutput output = compilers.apply(kind).compile(sources);
    if (!output.succeeded()) {
      return fail(batch, problems(output), name(kind), Duration.ofNanos(System.nanoTime() - compileStart));
    }
    Plan plan = plan(output);
    if (plan.dependentsAffected() && !plan.affectedNames().isEmpty()) {
      List<SourceFile> dependents = dependents(plan.affectedNames(), existing);
      if (!dependents.isEmpty()) {
        sources.addAll(dependents);
        dependents.forEach(d -> batch.changed.add(d.path()));
        output = compilers.apply(kind).compile(sources);
        if (!output.succeeded()) {
          return fail(batch, problems(output), name(kind), Duration.ofNanos(System.nanoTime() - compileStart));
        }
        plan = plan(output);
      }
    }
    if (choice == CompilerChoice.AUTO && plan.refusedOnlyForSyntheticMembers()) {
      CompileOutput other = compilers.apply(kind.other()).compile(sources);
      if (other.succeeded()) {
        Plan otherPlan = plan(other);
        if (otherPlan.refusals().size() < plan.refusals().size()) {
          kind = kind.other();
          output = other;
          plan = otherPlan;
          for (Path file : existing) {
            layout.rememberCompiler(layout.rootOf(file, roots), kind);
            fingerprints.put(file, Optional.of(kind));
          }
        }
      }
    }
    Duration compileTime = Duration.ofNanos(System.nanoTime() - compileStart);
    listener.compiled(List.copyOf(output.classes().keySet()), compileTime);
    return apply(batch, output, plan, name(kind), compileTime);
  }

  /**
   * Files that were missing but are back within a short grace period: an editor's safe write (IntelliJ
   * deletes the target, then renames a temporary file onto it) can straddle a short debounce.
   */
  private static List<Path> reappeared(List<Path> missing) {
    if (missing.isEmpty()) {
      return List.of();
    }
    long deadline = System.nanoTime() + DELETE_GRACE.toNanos();
    List<Path> back = new ArrayList<>();
    while (back.size() < missing.size() && System.nanoTime() - deadline < 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
      for (Path file : missing) {
        if (!back.contains(file) && Files.isRegularFile(file)) {
          back.add(file);
        }
      }
    }
    return back;
  }

  private ReloadResult apply(Batch batch, CompileOutput output, Plan plan, String compiler, Duration compileTime) {
    long redefineStart = System.nanoTime();
    Redefiner.Outcome outcome = plan.redefinitions().isEmpty() ? new Redefiner.Outcome(List.of(), Map.of())
        : redefiner.get().redefine(plan.redefinitions());
    Duration redefineTime = Duration.ofNanos(System.nanoTime() - redefineStart);
    Map<String, RefusedClass> refused = new LinkedHashMap<>();
    plan.refusals().forEach((name, changes) -> refused.put(name, writer.refused(name, changes, output)));
    outcome.failures().forEach((name, why) -> refused.putIfAbsent(name, writer.refused(name, List.of(why), output)));
    for (Class<?> type : outcome.redefined()) {
      shapes.put(type, plan.newShapes().get(type.getName()), plan.redefinitions().get(type));
    }
    writer.write(output);
    List<String> redefined = outcome.redefined().stream().map(Class::getName).distinct()
        .filter(n -> !refused.containsKey(n)).toList();
    List<String> added = output.classes().keySet().stream().filter(n -> !plan.loaded().contains(n)).toList();
    state.applied(redefined, added, refused);
    if (!redefined.isEmpty()) {
      listener.redefined(redefined, redefineTime);
    }
    if (!refused.isEmpty()) {
      listener.redefinitionRefused(List.copyOf(refused.values()));
    }
    OnReloadHooks.run(outcome.redefined(), listener);
    batch.compiled = List.copyOf(output.classes().keySet());
    batch.redefined = redefined;
    batch.added = added;
    batch.refused = List.copyOf(refused.values());
    return batch.result(List.of(), compiler, compileTime, redefineTime);
  }

  /** Compares every compiled class with its loaded versions (and, when not loaded, with its class file on disk). */
  private Plan plan(CompileOutput output) {
    Map<String, List<Class<?>>> loaded = redefiner.get() == null ? Map.of()
        : redefiner.get().loaded(output.classes().keySet());
    Plan.Builder plan = new Plan.Builder();
    output.classes().forEach((name, bytes) -> {
      ClassShape replacement = ClassShape.parse(bytes);
      plan.newShape(name, replacement);
      List<Class<?>> versions = loaded.getOrDefault(name, List.of());
      if (versions.isEmpty()) {
        ClassShape previous = writer.previousShape(name, output);
        if (previous != null) {
          plan.compared(name, ShapeComparison.compare(previous, replacement), false);
        }
        return;
      }
      plan.loaded(name);
      Path directory = writer.outputFor(name, output);
      for (Class<?> version : versions) {
        if (!LoadedFrom.directory(version, directory)) {
          continue; // A class of the same name from elsewhere (another project, a discarded loader).
        }
        if (shapes.unchanged(version, bytes)) {
          continue; // Same bytes as running (javac's switch-map class, an untouched nested class).
        }
        ClassShape current = shapes.get(version);
        ShapeComparison.Result result = current == null ? null : ShapeComparison.compare(current, replacement);
        if (result != null) {
          plan.compared(name, result, !enhanced);
        }
        if (result == null || result.redefinable() || enhanced) {
          plan.redefine(version, bytes);
        }
      }
    });
    return plan.build();
  }

  private List<SourceFile> dependents(Set<String> affected, List<Path> batchFiles) {
    List<SourceFile> found = new ArrayList<>();
    for (Path file : DependentFinder.find(roots, affected, Set.copyOf(batchFiles))) {
      try {
        found.add(reader.read(file));
      } catch (SourceReader.UnreadableSource e) {
        listener.warning("cannot recompile dependent " + e.problem);
      }
    }
    return found;
  }

  private CompilerKind chooseCompiler(List<Path> files) {
    if (choice == CompilerChoice.JAVAC) {
      return CompilerKind.JAVAC;
    }
    if (choice == CompilerChoice.ECJ) {
      return CompilerKind.ECJ;
    }
    int javac = 0;
    int ecj = 0;
    for (Path file : files) {
      Optional<CompilerKind> kind = fingerprints.computeIfAbsent(file, this::fingerprintOnDisk);
      if (kind.isPresent()) {
        if (kind.get() == CompilerKind.JAVAC) {
          javac++;
        } else {
          ecj++;
        }
      }
    }
    if (javac != ecj) {
      return javac > ecj ? CompilerKind.JAVAC : CompilerKind.ECJ;
    }
    return layout.compilerOf(layout.rootOf(files.get(0), roots)).orElse(CompilerKind.JAVAC);
  }

  /**
   * The compiler that built a source file's classes, read once from its class files: later class files of
   * the file are written by this reloader with the compiler chosen here, so the answer does not change.
   */
  private Optional<CompilerKind> fingerprintOnDisk(Path file) {
    for (Path classFile : layout.classFilesOf(layout.rootOf(file, roots), file)) {
      byte[] bytes = ProjectLayout.read(classFile);
      Optional<CompilerKind> kind = bytes == null ? Optional.empty() : CompilerKind.fingerprint(bytes);
      if (kind.isPresent()) {
        return kind;
      }
    }
    return Optional.empty();
  }


  private void warnIfMisplaced(SourceFile source) {
    Path root = layout.rootOf(source.path(), roots);
    String declared = root == null ? null : SourceReader.misplacedPackage(source, root);
    if (declared != null) {
      listener.warning(Paths.display(source.path()) + " declares package '" + declared
          + "', which does not match its directory; its classes are compiled into that package");
    }
  }

  private ReloadResult fail(Batch batch, List<CompileProblem> problems, String compiler, Duration compileTime) {
    state.failed(batch.changed, problems);
    listener.compileFailed(problems);
    return batch.result(problems, compiler, compileTime, Duration.ZERO);
  }

  private static List<CompileProblem> problems(CompileOutput output) {
    return output.errors().stream().map(e -> new CompileProblem(e.file(), e.line(), e.column(), e.message())).toList();
  }

  private static String name(CompilerKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The mutable bits of one batch that end up in its {@link ReloadResult}. */
  private final class Batch {
    final Instant started;
    final List<Path> changed;
    final List<Path> deleted;
    List<String> compiled = List.of();
    List<String> redefined = List.of();
    List<String> added = List.of();
    List<RefusedClass> refused = List.of();

    Batch(Instant started, List<Path> changed, List<Path> deleted) {
      this.started = started;
      this.changed = new ArrayList<>(changed);
      this.deleted = List.copyOf(deleted);
    }

    ReloadResult result(List<CompileProblem> problems, String compiler, Duration compileTime, Duration redefineTime) {
      ReloadResult result = new ReloadResult(started, List.copyOf(changed), deleted, compiled, redefined, added,
          refused, List.copyOf(problems), compiler, compileTime, redefineTime);
      listener.reloaded(result);
      return result;
    }
  }
}
