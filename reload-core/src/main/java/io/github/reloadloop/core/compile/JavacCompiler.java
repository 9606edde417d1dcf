package io.github.reloadloop.core.compile;

import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles with the JDK's own javac through {@code javax.tools}, as Maven does. */
public final class JavacCompiler extends ToolCompiler {

  public JavacCompiler(CompileSettings settings) {
    super(systemCompiler(), settings);
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
    if (settings.release() != Runtime.version().feature()) {
      options.addAll(List.of("--release", Integer.toString(settings.release())));
    }
    if (settings.parameters()) {
      options.add("-parameters");
    }
    return options;
  }
}
