package io.github.reloadloop.core.compile;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/** Compiles with the Eclipse compiler (ecj) in-process, as the Eclipse IDE does. */
public final class EcjCompiler extends ToolCompiler {

  public EcjCompiler(CompileSettings settings) {
    super(new EclipseCompiler(), settings);
  }

  @Override
  public CompilerKind kind() {
    return CompilerKind.ECJ;
  }

  @Override
  List<String> options(CompileSettings settings) {
    String level = Integer.toString(settings.release());
    List<String> options = new ArrayList<>(List.of("-g", "-proc:none", "-warn:none", "-preserveAllLocals",
        "-source", level, "-target", level));
    if (settings.parameters()) {
      options.add("-parameters");
    }
    return options;
  }
}
