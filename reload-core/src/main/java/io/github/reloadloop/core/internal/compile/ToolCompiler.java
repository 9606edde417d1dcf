package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.api.CompileProblem;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * A {@link SourceCompiler} over a {@code javax.tools} compiler, keeping one file manager for its life so
 * that jar indexes stay warm between compiles, and capturing class files in memory.
 */
abstract class ToolCompiler implements SourceCompiler {

  private final JavaCompiler compiler;
  private final StandardJavaFileManager fileManager;
  private final CapturingFileManager output;
  private final AnnotationProcessing processing;
  /** The warm-up class's source file, written by the reloader into its own directory; see {@link #warmUpFrom}. */
  private volatile Path warmUpSource;
  /** Whether {@link #warmUp} runs. */
  private volatile boolean warming;

  /** Thrown from inside a compile to stop it; see {@link #cancelWhen}. */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("cancelled", null, false, false);
    }
  }

  /**
   * @param classpath entries to compile against, in order
   * @param encoding encoding of the source files (for what the compiler reads from disk itself)
   * @param processorPath entries searched for annotation processors before the classpath
   */
  ToolCompiler(JavaCompiler compiler, List<Path> classpath, Charset encoding, List<Path> processorPath) {
    this.compiler = compiler;
    this.fileManager = compiler.getStandardFileManager(null, Locale.ROOT, encoding);
    try {
      fileManager.setLocation(StandardLocation.CLASS_PATH, classpath.stream().map(Path::toFile).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the compile classpath", e);
    }
    this.output = new CapturingFileManager(new CachingFileManager(fileManager, classpath));
    this.processing = new AnnotationProcessing(processorPath, classpath, compiler.getClass().getClassLoader());
  }

  /** Closes the file manager, which keeps the classpath's jar files open between compiles. */
  @Override
  public synchronized void close() {
    processing.close();
    try {
      fileManager.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the compiler's file manager", e);
    }
  }

  /** Compiler-specific command-line options for these settings. */
  abstract List<String> options(CompileSettings settings);

  /** Makes {@code task} throw {@link Cancelled} once {@code cancelled} says so, where the compiler allows it. */
  void cancelWhen(JavaCompiler.CompilationTask task, BooleanSupplier cancelled) {
    // By default a compile runs to its end; warm-up then stops between rounds.
  }

  /** One compile's task, and what to do once it has run. */
  interface Run {
    JavaCompiler.CompilationTask task();

    /** @param completed whether the task ran to its end rather than throwing */
    default void finished(boolean completed) {
      // A fresh task leaves nothing behind.
    }
  }

  /**
   * The task for one compile: by default a fresh one, which builds its own compiler context.
   *
   * @param processing whether annotation processors will be handed to the task
   */
  Run run(Writer log, JavaFileManager files, DiagnosticListener<JavaFileObject> diagnostics, List<String> options,
      List<JavaFileObject> units, boolean processing) {
    JavaCompiler.CompilationTask task = compiler.getTask(log, files, diagnostics, options, null, units);
    return () -> task;
  }

  JavaCompiler tool() {
    return compiler;
  }

  @Override
  public CompileOutput compile(List<SourceFile> sources, CompileSettings settings) {
    return compile(sources, settings, () -> false);
  }

  @Override
  public Set<String> processedAnnotations() {
    return processing.active() ? processing.annotationTypes() : Set.of();
  }

  /** Compiles the warm-up class from {@code file} (its text is {@link #WARM_UP_SOURCE}) instead of writing one. */
  void warmUpFrom(Path file) {
    warmUpSource = file;
  }

  @Override
  public boolean warmingUp() {
    return warming;
  }

  @Override
  public int warmUp(CompileSettings settings, int rounds, List<SourceFile> project, BooleanSupplier cancelled) {
    warming = true;
    try {
      return warmUpRounds(settings, rounds, project, cancelled);
    } finally {
      warming = false;
    }
  }

  private int warmUpRounds(CompileSettings settings, int rounds, List<SourceFile> project,
      BooleanSupplier cancelled) {
    Path file = warmUpSource;
    SourceFile source = new SourceFile(file == null ? temporaryWarmUpSource() : file, WARM_UP_SOURCE);
    List<SourceFile> alongside = new ArrayList<>(project);
    int done = 0;
    while (done < rounds && !cancelled.getAsBoolean()) {
      CompileOutput result = compile(List.of(source), settings, cancelled);
      if (!result.succeeded()) {
        if (cancelled.getAsBoolean()) {
          break;
        }
        throw new IllegalStateException(kind().name().toLowerCase(Locale.ROOT) + " cannot compile for release "
            + settings.release() + ": " + result.problems());
      }
      // Output and errors of the project's file are of no interest: one that does not compile is left out.
      if (!alongside.isEmpty() && !compile(alongside, settings, cancelled).succeeded()
          && !cancelled.getAsBoolean()) {
        alongside.clear();
      }
      done++;
    }
    return done;
  }

  /** See {@link #temporaryWarmUpSource()}. */
  private static Path temporaryWarmUpSource;

  /**
   * The warm-up class in a temporary directory, for compilers that are not given one (no reloader directory
   * could be made): one for the JVM's life, written once and removed when the JVM ends, so that a JVM that
   * ends during a warm-up (it runs on a daemon thread) leaves none behind.
   */
  private static synchronized Path temporaryWarmUpSource() {
    if (temporaryWarmUpSource == null || !Files.isRegularFile(temporaryWarmUpSource)) {
      try {
        // ecj compiles only sources that exist as files, whatever text it is given.
        Path directory = Files.createTempDirectory("reload-loop-warm-up-");
        directory.toFile().deleteOnExit(); // Registered first, so deleted after the file in it.
        Path file = directory.resolve(WARM_UP_CLASS + ".java");
        file.toFile().deleteOnExit();
        temporaryWarmUpSource = Files.writeString(file, WARM_UP_SOURCE);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write the warm-up source: " + e, e);
      }
    }
    return temporaryWarmUpSource;
  }

  private synchronized CompileOutput compile(List<SourceFile> sources, CompileSettings settings,
      BooleanSupplier cancelled) {
    List<JavaFileObject> units = new ArrayList<>();
    Map<URI, Path> paths = new LinkedHashMap<>();
    for (SourceFile source : sources) {
      InMemorySource unit = new InMemorySource(source);
      units.add(unit);
      paths.put(unit.toUri(), source.path());
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter log = new StringWriter();
    List<CompileProblem> problems = new ArrayList<>();
    List<Processor> processors = processing.active() ? processing.create(problems) : List.of();
    if (!problems.isEmpty()) {
      return CompileOutput.failed(problems);
    }
    List<String> options = new ArrayList<>(options(settings));
    if (processing.active()) {
      options.remove("-proc:none"); // The processors are handed to the task explicitly, below.
    }
    CapturingFileManager.Capture capture = output.begin(paths);
    boolean ok;
    Run run = null;
    try {
      run = run(log, output, diagnostics, options, units, processing.active());
      JavaCompiler.CompilationTask task = run.task();
      if (processing.active()) {
        task.setProcessors(processors);
      }
      cancelWhen(task, cancelled);
      ok = task.call();
    } catch (RuntimeException e) {
      if (run != null) {
        run.finished(false);
      }
      // A compiler crash (it happens with half-typed sources) is reported like a compile error.
      return CompileOutput.failed(List.of(new CompileProblem(null, 0, 0,
          cancelled.getAsBoolean() ? "cancelled" : kind().name().toLowerCase(Locale.ROOT) + " crashed: " + e)));
    }
    problems.addAll(output.generatedClassConflicts(processing.processorNames()));
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        Path file = d.getSource() == null ? null : paths.get(d.getSource().toUri());
        problems.add(new CompileProblem(file, Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()),
            d.getMessage(Locale.ROOT)));
      }
    }
    // javac reports its own crash as a failed compile without errors: what it leaves behind is not reused.
    run.finished(ok || !problems.isEmpty());
    if (!ok && problems.isEmpty()) {
      problems.add(new CompileProblem(null, 0, 0,
          log.toString().isBlank() ? "compilation failed" : log.toString().strip()));
    }
    return problems.isEmpty() ? new CompileOutput(capture.classes, capture.origins, List.of())
        : CompileOutput.failed(problems);
  }

  private static final class InMemorySource extends SimpleJavaFileObject {
    private final String text;

    InMemorySource(SourceFile source) {
      super(source.path().toAbsolutePath().toUri(), Kind.SOURCE);
      this.text = source.text();
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
