package io.github.reloadloop.core.compile;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles with the JDK's own javac through {@code javax.tools}, as Maven does. */
final class JavacCompiler extends ToolCompiler {

  JavacCompiler(List<Path> classpath, Charset encoding, List<Path> processorPath) {
    super(systemCompiler(), classpath, encoding, processorPath);
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
