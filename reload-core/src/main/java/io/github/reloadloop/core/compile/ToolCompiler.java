package io.github.reloadloop.core.compile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
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
  private final JavaFileManager listings;
  private final List<String> options;

  ToolCompiler(JavaCompiler compiler, CompileSettings settings) {
    this.compiler = compiler;
    this.fileManager = compiler.getStandardFileManager(null, Locale.ROOT, settings.encoding());
    try {
      fileManager.setLocation(StandardLocation.CLASS_PATH, settings.classpath().stream().map(Path::toFile).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the compile classpath", e);
    }
    this.listings = new CachingFileManager(fileManager, settings.classpath());
    this.options = List.copyOf(options(settings));
  }

  /** Closes the file manager, which keeps the classpath's jar files open between compiles. */
  @Override
  public synchronized void close() {
    try {
      fileManager.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the compiler's file manager", e);
    }
  }

  /** Compiler-specific command-line options for these settings. */
  abstract List<String> options(CompileSettings settings);

  @Override
  public synchronized CompileOutput compile(List<SourceFile> sources) {
    List<JavaFileObject> units = new ArrayList<>();
    Map<URI, Path> paths = new LinkedHashMap<>();
    for (SourceFile source : sources) {
      InMemorySource unit = new InMemorySource(source);
      units.add(unit);
      paths.put(unit.toUri(), source.path());
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Map<String, Path> origins = new LinkedHashMap<>();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter log = new StringWriter();
    JavaFileManager capture = new CapturingFileManager(listings, classes, origins, paths);
    boolean ok;
    try {
      ok = compiler.getTask(log, capture, diagnostics, options, null, units).call();
    } catch (RuntimeException e) {
      // A compiler crash (it happens with half-typed sources) is reported like a compile error.
      return new CompileOutput(Map.of(), Map.of(), List.of(new CompileError(null, 0, 0,
          kind().name().toLowerCase(Locale.ROOT) + " crashed: " + e)));
    }
    List<CompileError> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        Path file = d.getSource() == null ? null : paths.get(d.getSource().toUri());
        errors.add(new CompileError(file, Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()),
            d.getMessage(Locale.ROOT)));
      }
    }
    if (!ok && errors.isEmpty()) {
      errors.add(new CompileError(null, 0, 0, log.toString().isBlank() ? "compilation failed" : log.toString().strip()));
    }
    return errors.isEmpty()
        ? new CompileOutput(classes, origins, List.of())
        : new CompileOutput(Map.of(), Map.of(), List.copyOf(errors));
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

  private static final class CapturingFileManager extends ForwardingJavaFileManager<JavaFileManager> {
    private final Map<String, byte[]> classes;
    private final Map<String, Path> origins;
    private final Map<URI, Path> sources;

    CapturingFileManager(JavaFileManager delegate, Map<String, byte[]> classes, Map<String, Path> origins,
        Map<URI, Path> sources) {
      super(delegate);
      this.classes = classes;
      this.origins = origins;
      this.sources = sources;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) {
      String binaryName = className.replace('/', '.');
      if (sibling != null && sources.containsKey(sibling.toUri())) {
        origins.put(binaryName, sources.get(sibling.toUri()));
      }
      return new SimpleJavaFileObject(URI.create("mem:///" + binaryName.replace('.', '/') + ".class"), kind) {
        @Override
        public OutputStream openOutputStream() {
          return new ByteArrayOutputStream() {
            @Override
            public void close() {
              classes.put(binaryName, toByteArray());
            }
          };
        }
      };
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
      return a.toUri().equals(b.toUri());
    }
  }
}
