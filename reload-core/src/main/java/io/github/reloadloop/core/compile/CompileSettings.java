package io.github.reloadloop.core.compile;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * How to compile a patch so that it matches the running classes.
 *
 * @param classpath entries to compile against (the running JVM's classpath, output directories first)
 * @param release Java release the classes target (from the loaded class files' version)
 * @param parameters whether to keep parameter names ({@code -parameters}), as the project's build did
 * @param encoding encoding of the source files
 */
public record CompileSettings(List<Path> classpath, int release, boolean parameters, Charset encoding) {

  public CompileSettings {
    classpath = List.copyOf(classpath);
  }
}
