package io.github.reloadloop.core.support;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.internal.project.Classpath;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.eclipse.jdt.core.compiler.batch.BatchCompiler;

/**
 * Builds test fixtures the way a build tool would: javac from the JDK (as Maven), ecj's batch compiler (as
 * Eclipse), writing class files to a directory. Independent of reload-core's own compilers on purpose.
 */
public final class FixtureCompiler {

  /** The release fixtures target, as the project's Maven build does. */
  public static final String RELEASE = "17";

  private FixtureCompiler() {}

  /** Compiles every {@code .java} file under {@code sourceRoot} into {@code output}; fails the test on errors. */
  public static void compileTree(CompilerKind kind, Path sourceRoot, Path output) {
    compileTree(kind, sourceRoot, output, RELEASE);
  }

  /** Same, for another release than the project's usual one. */
  public static void compileTree(CompilerKind kind, Path sourceRoot, Path output, String release) {
    compileTree(kind, sourceRoot, output, release, List.of());
  }

  /** Same, with more compiler options ({@code -parameters}, {@code -cp} of other class directories). */
  public static void compileTree(CompilerKind kind, Path sourceRoot, Path output, String release,
      List<String> options) {
    try (Stream<Path> tree = Files.walk(sourceRoot)) {
      compile(kind, tree.filter(p -> p.toString().endsWith(".java")).toList(), output, release, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code sources} into {@code output}; fails the test on errors. */
  public static void compile(CompilerKind kind, List<Path> sources, Path output) {
    compile(kind, sources, output, RELEASE, List.of());
  }

  /** {@code options} may hold {@code -cp} with directories to put before the running JVM's classpath. */
  private static void compile(CompilerKind kind, List<Path> sources, Path output, String release,
      List<String> options) {
    List<String> extra = new ArrayList<>(options);
    String classpath = Classpath.ofRunningJvm().stream().map(Path::toString)
        .collect(Collectors.joining(java.io.File.pathSeparator));
    int cp = extra.indexOf("-cp");
    if (cp >= 0) {
      classpath = extra.get(cp + 1) + java.io.File.pathSeparator + classpath;
      extra.subList(cp, cp + 2).clear();
    }
    List<String> args = new ArrayList<>(List.of("-d", output.toString(), "-g", "-proc:none", "-encoding", "UTF-8",
        "-cp", classpath));
    args.addAll(extra);
    if (kind == CompilerKind.JAVAC) {
      args.addAll(List.of("--release", release, "-nowarn", "-Xlint:-options"));
    } else {
      args.addAll(List.of("-source", release, "-target", release, "-warn:none"));
    }
    sources.forEach(s -> args.add(s.toString()));
    StringWriter log = new StringWriter();
    boolean ok;
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (kind == CompilerKind.JAVAC) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      ok = ToolProvider.getSystemJavaCompiler().run(null, err, err, args.toArray(String[]::new)) == 0;
      log.write(err.toString());
    } else {
      ok = BatchCompiler.compile(args.toArray(String[]::new), new PrintWriter(log), new PrintWriter(log), null);
    }
    if (!ok) {
      throw new AssertionError(kind + " could not compile the fixture:\n" + log);
    }
  }

  /** Compiles one source text and returns the bytes of class {@code className}. */
  public static byte[] classBytes(CompilerKind kind, Path workDirectory, String className, String source) {
    try {
      Path dir = Files.createTempDirectory(workDirectory, kind.name().toLowerCase());
      String simple = className.substring(className.lastIndexOf('.') + 1).replaceFirst("\\$.*", "");
      Path src = dir.resolve("src");
      Path file = src.resolve(className.substring(0, Math.max(0, className.lastIndexOf('.'))).replace('.', '/'))
          .resolve(simple + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
      Path out = dir.resolve("out");
      compile(kind, List.of(file), out);
      return Files.readAllBytes(out.resolve(className.replace('.', '/') + ".class"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
