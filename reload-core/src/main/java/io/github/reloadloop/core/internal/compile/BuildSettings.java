package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.internal.classfile.ClassShape;
import io.github.reloadloop.core.internal.project.ClassLocation;
import io.github.reloadloop.core.internal.project.ProjectLayout;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the build compiled each source file, read from its class files: the release (class file major version
 * - 44), whether parameter names were kept ({@code -parameters}), whether preview features were on (minor
 * version 0xFFFF), and which compiler built it. A patch compiled the same way has the same synthetic members
 * as the class it replaces (javac at release 8 emits {@code access$000} accessors where release 11 and later
 * use nestmates), so the JVM accepts a body-only change. A file without class files takes its root's
 * defaults: what most of a sample of the root's class files were built with, read at start.
 *
 * <p>Threading: used by one compile at a time, on the reload thread or on the thread that compiles a save
 * early (see {@link PatchCompiler#tryCompile}).
 */
final class BuildSettings {

  private static final int PREVIEW_MINOR = 0xFFFF;
  private static final int OLDEST_RELEASE = 8;
  /** How many class files of a root tell its defaults. */
  private static final int SAMPLE = 200;

  /** What the build of one source file tells. */
  record FileBuild(CompileSettings settings, Optional<CompilerKind> compiler) {}

  /** What most classes of a class directory were built with. */
  record Defaults(CompileSettings settings, Optional<CompilerKind> compiler) {

    /** Tallies a sample of class files; an empty or unreadable sample gives the running JVM's release. */
    static Defaults sample(List<byte[]> classFiles) {
      Map<Integer, Integer> releases = new HashMap<>();
      int withNames = 0;
      int withoutNames = 0;
      Optional<CompilerKind> compiler = Optional.empty();
      for (byte[] bytes : classFiles) {
        ClassShape shape = parseOrNull(bytes);
        if (shape == null) {
          continue;
        }
        releases.merge(release(shape.majorVersion()), 1, Integer::sum);
        Boolean names = parameterNames(shape);
        if (names != null) {
          withNames += names ? 1 : 0;
          withoutNames += names ? 0 : 1;
        }
        if (compiler.isEmpty()) {
          compiler = CompilerKind.fingerprint(bytes);
        }
      }
      // The most common release; a tie goes to the higher one.
      int release = releases.entrySet().stream()
          .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
          .map(Map.Entry::getKey).orElse(Runtime.version().feature());
      return new Defaults(new CompileSettings(release, withNames > withoutNames, false), compiler);
    }
  }

  private final ProjectLayout layout;
  /** Each root's defaults; not changed after the constructor. */
  private final Map<Path, Defaults> roots = new LinkedHashMap<>();
  private final Map<Path, FileBuild> files = new HashMap<>();

  BuildSettings(ProjectLayout layout) {
    this.layout = layout;
    Map<Path, Path> classDirectories = layout.classDirectories();
    for (Path root : layout.sourceRoots()) {
      Path classDirectory = classDirectories.get(root);
      roots.put(root, Defaults.sample(classDirectory == null ? List.of()
          : ClassLocation.sample(classDirectory, SAMPLE)));
    }
  }

  /** The Java release a new class of this root is compiled for: the release most of its classes were built for. */
  int releaseOf(Path root) {
    return roots.get(root).settings().release();
  }

  /** How a new class of the root holding {@code file} is compiled. */
  CompileSettings defaultsFor(Path file) {
    Path root = layout.rootOf(file);
    return root == null ? CompileSettings.ofRunningJvm() : roots.get(root).settings();
  }

  /** The compiler that built the classes of the root holding {@code file}, when the class files tell. */
  Optional<CompilerKind> compilerOf(Path file) {
    Path root = layout.rootOf(file);
    return root == null ? Optional.empty() : roots.get(root).compiler();
  }

  /**
   * How the build compiled {@code source}. Read once per file: the build's class files do not change while
   * the reloader runs (it never writes them). Synchronized: the warm-up thread asks too.
   */
  synchronized FileBuild of(Path source) {
    return files.computeIfAbsent(source, this::read);
  }

  private FileBuild read(Path source) {
    CompileSettings defaults = defaultsFor(source);
    ClassShape main = null;
    boolean preview = false;
    Boolean names = null;
    Optional<CompilerKind> compiler = Optional.empty();
    for (byte[] bytes : layout.classFilesOf(source)) {
      ClassShape shape = parseOrNull(bytes);
      if (shape == null) {
        continue;
      }
      if (main == null) {
        main = shape;
        preview = minorVersion(bytes) == PREVIEW_MINOR;
      }
      if (names == null) {
        names = parameterNames(shape);
      }
      if (compiler.isEmpty()) {
        compiler = CompilerKind.fingerprint(bytes);
      }
    }
    if (main == null) {
      return new FileBuild(defaults, compiler);
    }
    int release = release(main.majorVersion());
    boolean onPreview = preview && release == Runtime.version().feature();
    return new FileBuild(new CompileSettings(release, names == null ? defaults.parameters() : names, onPreview),
        compiler);
  }

  /** The release of a class file version, within what this JDK's compilers can target. */
  static int release(int majorVersion) {
    return Math.max(OLDEST_RELEASE, Math.min(majorVersion - 44, Runtime.version().feature()));
  }

  /**
   * Whether the class keeps parameter names, or {@code null} when it cannot tell: only a method with
   * parameters gets a {@code MethodParameters} attribute.
   */
  static Boolean parameterNames(ClassShape shape) {
    boolean hasParameters = shape.methods().stream().anyMatch(m -> !m.descriptor().startsWith("()"));
    return hasParameters ? shape.hasMethodParameters() : null;
  }

  private static int minorVersion(byte[] classFile) {
    return classFile.length < 6 ? 0 : (classFile[4] & 0xFF) << 8 | classFile[5] & 0xFF;
  }

  /** A truncated or foreign file named {@code .class} tells nothing about the build; it is skipped. */
  private static ClassShape parseOrNull(byte[] bytes) {
    try {
      return ClassShape.parse(bytes);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
