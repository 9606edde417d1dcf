package io.github.reloadloop.core.internal.compile;

import java.io.Writer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles with the JDK's own javac through {@code javax.tools}, as Maven does. Compiles run on a
 * {@linkplain KeptContext kept context} where the agent can open javac's internals, with or without
 * annotation processors: the JDK's and the jars' symbols are then read once, not on every compile.
 */
final class JavacCompiler extends ToolCompiler {

  /** The system property that turns kept contexts off ({@code false}): every compile is then a fresh one. */
  static final String KEEP_KEY = "reload.javac.keep";

  private final KeptContexts kept;
  private volatile KeptContexts.Use lastUse;

  /** A javac that compiles fresh every time: nothing of one compile is reused by the next. */
  JavacCompiler(List<Path> classpath, Charset encoding, List<Path> processorPath) {
    this(classpath, encoding, processorPath, null);
  }

  /**
   * @param instrumentation supplies the agent's instrumentation (to open javac's internals for kept contexts),
   *     or {@code null} while it is not loaded; {@code null} itself for a javac that compiles fresh every time
   */
  JavacCompiler(List<Path> classpath, Charset encoding, List<Path> processorPath,
      Supplier<Instrumentation> instrumentation) {
    super(systemCompiler(), classpath, encoding, processorPath);
    this.kept = instrumentation == null || !keepContexts() ? null
        : new KeptContexts(tool(), new ProjectPackages(classpath), instrumentation);
  }

  /** Whether kept contexts are on: unless the {@value #KEEP_KEY} system property says {@code false}. */
  static boolean keepContexts() {
    return !"false".equalsIgnoreCase(System.getProperty(KEEP_KEY, "true").strip());
  }

  private static JavaCompiler systemCompiler() {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("this Java runtime has no javac (it is a JRE, not a JDK): run on a JDK,"
          + " or choose the Eclipse compiler with reload.compiler=ecj");
    }
    return compiler;
  }

  @Override
  public CompilerKind kind() {
    return CompilerKind.JAVAC;
  }

  @Override
  Run run(Writer log, JavaFileManager files, DiagnosticListener<JavaFileObject> diagnostics, List<String> options,
      List<JavaFileObject> units, boolean processing) {
    if (kept == null) {
      lastUse = new KeptContexts.Use(KeptContexts.Use.Kind.FRESH, "kept contexts are off");
      return super.run(log, files, diagnostics, options, units, processing);
    }
    KeptContexts.Run run = kept.task(log, files, diagnostics, options, units, processing);
    lastUse = run.use();
    if (run.task() == null) {
      return super.run(log, files, diagnostics, options, units, false);
    }
    return new Run() {
      @Override
      public JavaCompiler.CompilationTask task() {
        return run.task();
      }

      @Override
      public void finished(boolean completed) {
        run.completion().finished(completed);
      }
    };
  }

  /** What the last compile ran on: a kept context, a new one, or a fresh compile (with why). */
  KeptContexts.Use lastUse() {
    return lastUse;
  }

  @Override
  public synchronized void close() {
    if (kept != null) {
      kept.close();
    }
    super.close();
  }

  @Override
  List<String> options(CompileSettings settings) {
    List<String> options = new ArrayList<>(List.of("-g", "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none",
        "-XDuseUnsharedTable=true"));
    // The running JDK's own release needs no --release (which would read ct.sym), except for preview features.
    if (settings.release() != Runtime.version().feature() || settings.preview()) {
      options.addAll(List.of("--release", Integer.toString(settings.release())));
    }
    if (settings.preview()) {
      options.add("--enable-preview");
    }
    if (settings.parameters()) {
      options.add("-parameters");
    }
    return options;
  }

  /** javac reports each phase to a task listener, which can stop a warm-up compile when a save comes. */
  @Override
  void cancelWhen(javax.tools.JavaCompiler.CompilationTask task, BooleanSupplier cancelled) {
    if (task instanceof com.sun.source.util.JavacTask javacTask) {
      javacTask.addTaskListener(new com.sun.source.util.TaskListener() {
        @Override
        public void started(com.sun.source.util.TaskEvent event) {
          if (cancelled.getAsBoolean()) {
            throw new Cancelled();
          }
        }
      });
    }
  }
}
