package io.github.reloadloop.core.compile;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/** Compiles with the Eclipse compiler (ecj) in-process, as the Eclipse IDE does. */
final class EcjCompiler extends ToolCompiler {

  EcjCompiler(List<Path> classpath, Charset encoding, List<Path> processorPath) {
    super(new EclipseCompiler(), classpath, encoding, processorPath);
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
}
