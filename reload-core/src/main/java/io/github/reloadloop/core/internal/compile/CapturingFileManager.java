package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.api.CompileProblem;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardLocation;

/**
 * Keeps everything a compile writes in memory: class files (by binary name, with the source file each
 * came from), sources that annotation processors generate (compiled in the same task; their classes are
 * reloaded like any other) and resources they write (dropped). Nothing reaches the disk, so neither the
 * build's output nor its generated-sources directory is touched. One for a compiler's life, since a kept
 * javac context holds on to the file manager it was first given; {@link #begin} starts each compile's
 * {@link Capture}.
 *
 * <p>Threading: one compile at a time.
 */
final class CapturingFileManager extends ForwardingJavaFileManager<JavaFileManager> {

  /** What one compile wrote. */
  static final class Capture {
    /** Class files by binary name, in the order the compiler wrote them. */
    final Map<String, byte[]> classes = new LinkedHashMap<>();
    /** The source file of each class, where the compiler tells. */
    final Map<String, Path> origins = new LinkedHashMap<>();
    private final Map<URI, Path> sources;
    /** Generated sources by binary name, with the source file that caused them when the compiler tells. */
    private final Map<String, Path> generated = new LinkedHashMap<>();
    private final Map<URI, Path> generatedOrigins = new LinkedHashMap<>();

    private Capture(Map<URI, Path> sources) {
      this.sources = sources;
    }
  }

  private Capture current = new Capture(Map.of());

  CapturingFileManager(JavaFileManager delegate) {
    super(delegate);
  }

  /**
   * Starts capturing a new compile.
   *
   * @param sources the file of each compiled unit by its URI
   */
  Capture begin(Map<URI, Path> sources) {
    current = new Capture(Map.copyOf(sources));
    return current;
  }

  @Override
  public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
      FileObject sibling) {
    String binaryName = className.replace('/', '.');
    Capture capture = current;
    Path origin = sibling == null ? null : originOf(capture, sibling.toUri());
    if (location == StandardLocation.SOURCE_OUTPUT || kind == JavaFileObject.Kind.SOURCE) {
      GeneratedSource source = new GeneratedSource(binaryName, kind);
      capture.generated.put(binaryName, origin);
      if (origin != null) {
        capture.generatedOrigins.put(source.toUri(), origin);
      }
      return source;
    }
    if (kind != JavaFileObject.Kind.CLASS) {
      return new Discarded(URI.create("mem:///other/" + binaryName.replace('.', '/') + kind.extension), kind);
    }
    if (origin != null) {
      capture.origins.put(binaryName, origin);
    }
    return new SimpleJavaFileObject(URI.create("mem:///" + binaryName.replace('.', '/') + ".class"), kind) {
      @Override
      public OutputStream openOutputStream() {
        return new ByteArrayOutputStream() {
          @Override
          public void close() {
            capture.classes.put(binaryName, toByteArray());
          }
        };
      }
    };
  }

  /** Resources that processors write (service files, reports) stay in memory and are dropped. */
  @Override
  public FileObject getFileForOutput(Location location, String packageName, String relativeName,
      FileObject sibling) {
    String path = packageName.isEmpty() ? relativeName : packageName.replace('.', '/') + "/" + relativeName;
    return new Discarded(URI.create("mem:///resource/" + path), JavaFileObject.Kind.OTHER);
  }

  // Called instead of the methods above by JDK 18+ compilers for files that processors create (the
  // ForwardingJavaFileManager of those JDKs would hand them to the delegate, which writes to disk). No
  // @Override: the methods do not exist in the Java 17 API this is compiled against.

  /** JDK 18+: a file a processor creates, with the files it was generated from. */
  public JavaFileObject getJavaFileForOutputForOriginatingFiles(Location location, String className,
      JavaFileObject.Kind kind, FileObject... originatingFiles) {
    return getJavaFileForOutput(location, className, kind, first(originatingFiles));
  }

  /** JDK 18+: a resource a processor creates, with the files it was generated from. */
  public FileObject getFileForOutputForOriginatingFiles(Location location, String packageName,
      String relativeName, FileObject... originatingFiles) {
    return getFileForOutput(location, packageName, relativeName, first(originatingFiles));
  }

  @Override
  public boolean isSameFile(FileObject a, FileObject b) {
    return a.toUri().equals(b.toUri());
  }

  /**
   * Generated classes that the classpath already has in a jar, where the running JVM finds them first: the
   * patch would redefine or shadow a library's class. One error for each, naming both.
   */
  List<CompileProblem> generatedClassConflicts(List<String> processors) {
    List<CompileProblem> conflicts = new ArrayList<>();
    for (Map.Entry<String, Path> entry : current.generated.entrySet()) {
      JavaFileObject existing;
      try {
        existing = super.getJavaFileForInput(StandardLocation.CLASS_PATH, entry.getKey(), JavaFileObject.Kind.CLASS);
      } catch (java.io.IOException | RuntimeException e) {
        continue; // Not readable on the classpath: nothing there to clash with.
      }
      String jar = existing == null ? null : jarOf(existing.toUri());
      if (jar != null) {
        conflicts.add(new CompileProblem(entry.getValue(), 0, 0, "annotation processing (" + String.join(", ", processors)
            + ") generated class " + entry.getKey() + ", but the classpath already has " + entry.getKey() + " in "
            + jar + ": the patch is not applied. Check the processor's configuration, or why that jar has the class"));
      }
    }
    return conflicts;
  }

  private static Path originOf(Capture capture, URI uri) {
    Path origin = capture.sources.get(uri);
    return origin != null ? origin : capture.generatedOrigins.get(uri);
  }

  private static FileObject first(FileObject... files) {
    return files == null || files.length == 0 ? null : files[0];
  }

  /** The jar file of a {@code jar:file:/x.jar!/a/B.class} URI, or {@code null} for a class directory. */
  static String jarOf(URI uri) {
    String text = uri.toString();
    if (!text.startsWith("jar:")) {
      return null;
    }
    int bang = text.indexOf("!/");
    String file = text.substring(4, bang < 0 ? text.length() : bang);
    try {
      return Path.of(URI.create(file)).toString();
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return file;
    }
  }

  /** A source file a processor writes, kept as text; the compiler reads it back to compile it. */
  private static final class GeneratedSource extends SimpleJavaFileObject {
    private final StringWriter text = new StringWriter();

    GeneratedSource(String binaryName, Kind kind) {
      super(URI.create("mem:///generated/" + binaryName.replace('.', '/') + kind.extension), kind);
    }

    @Override
    public Writer openWriter() {
      return text;
    }

    @Override
    public OutputStream openOutputStream() {
      return new ByteArrayOutputStream() {
        @Override
        public void close() {
          text.write(toString(StandardCharsets.UTF_8));
        }
      };
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text.toString();
    }
  }

  /** Anything else written: accepted and dropped. */
  private static final class Discarded extends SimpleJavaFileObject {
    Discarded(URI uri, Kind kind) {
      super(uri, kind);
    }

    @Override
    public OutputStream openOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public Writer openWriter() {
      return Writer.nullWriter();
    }
  }
}
