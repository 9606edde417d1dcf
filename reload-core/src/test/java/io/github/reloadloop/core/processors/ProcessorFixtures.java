package io.github.reloadloop.core.processors;

import io.github.reloadloop.core.internal.project.Classpath;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Builds fixtures with annotation processors, as Maven does with annotationProcessorPaths. */
public final class ProcessorFixtures {

  private ProcessorFixtures() {}

  /** A jar (or directory) the build hands to the tests, named by a system property. */
  static Path required(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.exists(Path.of(value))) {
      throw new AssertionError("system property " + property + " must name an existing file (set by the build): "
          + value);
    }
    return Path.of(value);
  }

  /** The running JVM's classpath plus {@code extra}: what a test JVM with those dependencies would have. */
  static List<Path> classpathWith(Path... extra) {
    List<Path> entries = new ArrayList<>(Classpath.ofRunningJvm());
    entries.addAll(List.of(extra));
    return entries;
  }

  /** javac with {@code processorPath} as {@code -processorpath}, every source under {@code root} into {@code out}. */
  static void build(Path root, Path out, List<Path> processorPath) {
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-g", "--release", "17", "-nowarn",
        "-encoding", "UTF-8", "-implicit:none", "-cp", join(classpathWith(processorPath.toArray(Path[]::new)))));
    if (processorPath.isEmpty()) {
      args.add("-proc:none");
    } else {
      args.addAll(List.of("-processorpath", join(processorPath)));
    }
    try (Stream<Path> tree = Files.walk(root)) {
      tree.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    if (ToolProvider.getSystemJavaCompiler().run(null, log, log, args.toArray(String[]::new)) != 0) {
      throw new AssertionError("javac could not build the fixture:\n" + log);
    }
  }

  /**
   * A processor of our own, compiled into {@code directory} with its service file: {@code body} is the
   * body of its {@code process} method ({@code annotations}, {@code round} and {@code processingEnv} in scope).
   */
  public static Path processor(Path directory, String className, String body) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    String pkg = className.substring(0, className.lastIndexOf('.'));
    String source = """
        package PKG;
        import java.util.Set;
        import javax.annotation.processing.*;
        import javax.lang.model.SourceVersion;
        import javax.lang.model.element.TypeElement;
        @SupportedAnnotationTypes("*")
        public class SIMPLE extends AbstractProcessor {
          private boolean done;
          @Override public SourceVersion getSupportedSourceVersion() { return SourceVersion.latestSupported(); }
          @Override public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (done) { return false; }
            done = true;
            try { run(round); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
            return false;
          }
          private void run(RoundEnvironment round) throws java.io.IOException { BODY }
        }
        """.replace("PKG", pkg).replace("SIMPLE", simple).replace("BODY", body);
    try {
      Path src = directory.resolve("src").resolve(pkg.replace('.', '/')).resolve(simple + ".java");
      Files.createDirectories(src.getParent());
      Files.writeString(src, source);
      Path out = directory.resolve("classes");
      build(directory.resolve("src"), out, List.of());
      Path service = out.resolve("META-INF/services/javax.annotation.processing.Processor");
      Files.createDirectories(service.getParent());
      Files.writeString(service, className + "\n");
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String join(List<Path> entries) {
    return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }
}
