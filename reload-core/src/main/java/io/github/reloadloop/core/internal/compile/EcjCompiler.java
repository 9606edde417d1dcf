package io.github.reloadloop.core.internal.compile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.eclipse.jdt.core.compiler.CategorizedProblem;
import org.eclipse.jdt.core.compiler.CompilationProgress;
import org.eclipse.jdt.internal.compiler.ClassFile;
import org.eclipse.jdt.internal.compiler.CompilationResult;
import org.eclipse.jdt.internal.compiler.Compiler;
import org.eclipse.jdt.internal.compiler.IErrorHandlingPolicy;
import org.eclipse.jdt.internal.compiler.IProblemFactory;
import org.eclipse.jdt.internal.compiler.batch.CompilationUnit;
import org.eclipse.jdt.internal.compiler.batch.FileSystem;
import org.eclipse.jdt.internal.compiler.batch.Main;
import org.eclipse.jdt.internal.compiler.env.ICompilationUnit;
import org.eclipse.jdt.internal.compiler.impl.CompilerOptions;
import org.eclipse.jdt.internal.compiler.problem.DefaultProblem;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/**
 * Compiles with the Eclipse compiler (ecj) in-process, as the Eclipse IDE does. Compiles without annotation
 * processors run on a {@linkplain EcjClasspath kept name environment}: the JDK's modules and the class path's
 * jars are opened and indexed once, not on every compile, as ecj's own incremental builder does. The options,
 * error policy and problem factory are those ecj's command line sets up for the same arguments, so a compile
 * gives what ecj's batch compiler gives. With processors (or with {@value #KEEP_KEY}{@code =false}) every
 * compile goes through ecj's {@code javax.tools} front end, fresh.
 */
final class EcjCompiler extends ToolCompiler {

  /** The system property that turns the kept name environment off ({@code false}). */
  static final String KEEP_KEY = "reload.ecj.keep";

  private final EcjClasspath kept;
  private final Map<List<String>, Setup> setups = new HashMap<>();
  private volatile boolean lastKept;

  EcjCompiler(List<Path> classpath, Charset encoding, List<Path> processorPath) {
    super(new EclipseCompiler(), classpath, encoding, processorPath);
    this.kept = "false".equalsIgnoreCase(System.getProperty(KEEP_KEY, "true").strip()) ? null
        : new EcjClasspath(classpath);
  }

  @Override
  public CompilerKind kind() {
    return CompilerKind.ECJ;
  }

  @Override
  List<String> options(CompileSettings settings) {
    String level = settings.release() <= 8 ? "1." + settings.release() : Integer.toString(settings.release());
    List<String> options = new ArrayList<>(List.of("-g", "-proc:none", "-warn:none", "-preserveAllLocals",
        "-source", level, "-target", level));
    if (settings.preview()) {
      options.add("--enable-preview");
    }
    if (settings.parameters()) {
      options.add("-parameters");
    }
    return options;
  }

  @Override
  Run run(Writer log, JavaFileManager files, DiagnosticListener<JavaFileObject> diagnostics, List<String> options,
      List<JavaFileObject> units, boolean processing) {
    lastKept = kept != null && !processing;
    if (!lastKept) {
      return super.run(log, files, diagnostics, options, units, processing);
    }
    KeptTask task = new KeptTask(setup(options), files, diagnostics, units);
    return () -> task;
  }

  /** How many times the kept environment opened a jar; 0 when it is off. */
  synchronized int openedJars() {
    return kept == null ? 0 : kept.openedJars();
  }

  /** Whether the last compile ran on the kept name environment. */
  boolean lastKept() {
    return lastKept;
  }

  @Override
  void cancelWhen(JavaCompiler.CompilationTask task, BooleanSupplier cancelled) {
    if (task instanceof KeptTask keptTask) {
      keptTask.cancelled = cancelled;
    }
  }

  @Override
  public synchronized void close() {
    if (kept != null) {
      kept.close();
    }
    super.close();
  }

  /** What ecj's command line makes of these options: the compiler options, error policy and problem factory. */
  private Setup setup(List<String> options) {
    return setups.computeIfAbsent(List.copyOf(options), key -> {
      PrintWriter discard = new PrintWriter(Writer.nullWriter());
      Main main = new Main(discard, discard, false, null, null);
      List<String> arguments = new ArrayList<>(key);
      arguments.add(SourceCompiler.WARM_UP_CLASS + ".java"); // configure wants a source; it does not read it
      main.configure(arguments.toArray(new String[0]));
      return new Setup(Map.copyOf(main.options), main.getHandlingPolicy(), main.getProblemFactory());
    });
  }

  private record Setup(Map<String, String> options, IErrorHandlingPolicy policy, IProblemFactory problems) {}

  /** One compile on the kept environment, in the form {@link ToolCompiler} runs a {@code javax.tools} task. */
  private final class KeptTask implements JavaCompiler.CompilationTask {
    private final Setup setup;
    private final JavaFileManager files;
    private final DiagnosticListener<JavaFileObject> diagnostics;
    private final List<JavaFileObject> units;
    BooleanSupplier cancelled = () -> false;

    KeptTask(Setup setup, JavaFileManager files, DiagnosticListener<JavaFileObject> diagnostics,
        List<JavaFileObject> units) {
      this.setup = setup;
      this.files = files;
      this.diagnostics = diagnostics;
      this.units = units;
    }

    @Override
    public Boolean call() {
      ICompilationUnit[] compiled = new ICompilationUnit[units.size()];
      String[] names = new String[units.size()];
      Map<String, JavaFileObject> byName = new HashMap<>();
      for (int i = 0; i < compiled.length; i++) {
        JavaFileObject unit = units.get(i);
        names[i] = Path.of(unit.toUri()).toString();
        byName.put(names[i], unit);
        compiled[i] = new CompilationUnit(content(unit), names[i], null);
      }
      boolean[] ok = {true};
      FileSystem environment = kept.environment(setup.options, names);
      CompilerOptions options = new CompilerOptions(setup.options);
      // As ecj's command line does.
      options.performMethodsFullRecovery = false;
      options.performStatementsRecovery = false;
      Compiler compiler = new Compiler(environment, setup.policy, options,
          result -> ok[0] &= accept(result, byName.get(new String(result.getFileName()))), setup.problems,
          null, new Progress(() -> cancelled.getAsBoolean()));
      compiler.compile(compiled);
      if (cancelled.getAsBoolean()) {
        throw new Cancelled();
      }
      return ok[0];
    }

    /** Writes a unit's class files to the file manager and reports its errors; false when it has any. */
    private boolean accept(CompilationResult result, JavaFileObject unit) {
      boolean clean = true;
      for (CategorizedProblem problem : result.getAllProblems() == null ? new CategorizedProblem[0]
          : result.getAllProblems()) {
        if (problem.isError()) {
          clean = false;
          diagnostics.report(new Problem(problem, unit));
        }
      }
      for (ClassFile classFile : result.getClassFiles()) {
        String name = new String(classFile.fileName());
        try {
          JavaFileObject file = files.getJavaFileForOutput(StandardLocation.CLASS_OUTPUT, name,
              JavaFileObject.Kind.CLASS, unit);
          try (OutputStream out = file.openOutputStream()) {
            out.write(classFile.getBytes());
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot keep the class file of " + name, e);
        }
      }
      return clean;
    }

    private char[] content(JavaFileObject unit) {
      try {
        return unit.getCharContent(true).toString().toCharArray();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + unit.toUri(), e);
      }
    }

    @Override
    public void addModules(Iterable<String> moduleNames) {
      throw new UnsupportedOperationException("the kept ecj environment compiles on the class path");
    }

    @Override
    public void setProcessors(Iterable<? extends Processor> processors) {
      throw new UnsupportedOperationException("compiles with processors go through ecj's javax.tools front end");
    }

    @Override
    public void setLocale(Locale locale) {
      // Messages are in the root locale, as the problem factory was made.
    }
  }

  /** Lets a save stop a warm-up compile at ecj's next check (it checks between units and phases). */
  private static final class Progress extends CompilationProgress {
    private final BooleanSupplier cancelled;

    Progress(BooleanSupplier cancelled) {
      this.cancelled = cancelled;
    }

    @Override
    public boolean isCanceled() {
      return cancelled.getAsBoolean();
    }

    @Override
    public void begin(int remainingWork) {}

    @Override
    public void done() {}

    @Override
    public void setTaskName(String name) {}

    @Override
    public void worked(int workIncrement, int remainingWork) {}
  }

  /** An ecj error as a {@code javax.tools} diagnostic, as ecj's own front end reports it. */
  private record Problem(CategorizedProblem problem, JavaFileObject source) implements Diagnostic<JavaFileObject> {
    @Override
    public Kind getKind() {
      return Kind.ERROR;
    }

    @Override
    public JavaFileObject getSource() {
      return source;
    }

    @Override
    public long getPosition() {
      return problem.getSourceStart();
    }

    @Override
    public long getStartPosition() {
      return problem.getSourceStart();
    }

    @Override
    public long getEndPosition() {
      return problem.getSourceEnd();
    }

    @Override
    public long getLineNumber() {
      return problem.getSourceLineNumber();
    }

    @Override
    public long getColumnNumber() {
      return problem instanceof DefaultProblem known ? known.getSourceColumnNumber() : NOPOS;
    }

    @Override
    public String getCode() {
      return Integer.toString(problem.getID());
    }

    @Override
    public String getMessage(Locale locale) {
      return problem.getMessage();
    }
  }
}
