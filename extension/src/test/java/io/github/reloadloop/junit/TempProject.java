package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.project.Classpath;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A Maven-shaped project in a temporary directory ({@code src/main/java}, {@code src/test/java},
 * {@code target/classes}, {@code target/test-classes}), compiled with javac as Maven would, whose test
 * classes a kit run loads through a class loader over its output directories. Edits are saved the way an
 * editor does (temp file, then rename).
 */
final class TempProject {

  final Path directory;
  final Path main;
  final Path test;
  final Path classes;
  final Path testClasses;
  /** Further class directories on the test class path (a multi-release overlay), after the main ones. */
  private final List<Path> extraClassDirectories = new ArrayList<>();
  /** The class loader of the latest {@link #run}, to look at the fixture's classes after it. */
  private ClassLoader lastLoader;

  TempProject(Path directory) throws IOException {
    this.directory = directory;
    this.main = Files.createDirectories(directory.resolve("src/main/java"));
    this.test = Files.createDirectories(directory.resolve("src/test/java"));
    this.classes = Files.createDirectories(directory.resolve("target/classes"));
    this.testClasses = Files.createDirectories(directory.resolve("target/test-classes"));
  }

  TempProject mainSource(String path, String text) throws IOException {
    save(main.resolve(path), text);
    return this;
  }

  TempProject testSource(String path, String text) throws IOException {
    save(test.resolve(path), text);
    return this;
  }

  /** Saves like an editor: write a temporary file next to the target, then rename it over the target. */
  static void save(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp~");
    Files.writeString(temporary, text);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Replaces {@code from} by {@code to} in a source file and saves it. */
  static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    save(file, text.replace(from, to));
  }

  /**
   * Compiles {@code sources} (against the main classes) into a class directory of their own that the test
   * class path holds after the main ones, as Surefire's {@code additionalClasspathElements} does for a
   * multi-release overlay.
   */
  TempProject extraClassDirectory(Path sources, Path output) throws IOException {
    Files.createDirectories(output);
    String jvm = String.join(java.io.File.pathSeparator,
        Classpath.ofRunningJvm().stream().map(Path::toString).toList());
    javac(sources, output, classes + java.io.File.pathSeparator + jvm);
    extraClassDirectories.add(output);
    return this;
  }

  /** Compiles main then test sources with javac into the output directories. */
  TempProject compile() throws IOException {
    return compile(List.of());
  }

  /** Same, with more javac options ({@code -parameters}, as Spring Boot's parent POM sets). */
  TempProject compile(List<String> options) throws IOException {
    String jvm = String.join(java.io.File.pathSeparator,
        Classpath.ofRunningJvm().stream().map(Path::toString).toList());
    javac(main, classes, jvm, options);
    javac(test, testClasses, classes + java.io.File.pathSeparator + jvm, options);
    return this;
  }

  private static void javac(Path sources, Path output, String classpath) throws IOException {
    javac(sources, output, classpath, List.of());
  }

  private static void javac(Path sources, Path output, String classpath, List<String> options) throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(sources)) {
      tree.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
    }
    if (files.isEmpty()) {
      return;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-cp", classpath, "-g", "-proc:none"));
    arguments.addAll(options);
    arguments.addAll(files);
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, log, log, arguments.toArray(String[]::new));
    assertThat(status).as("javac %s: %s", files, log).isZero();
  }

  /** A class as the latest {@link #run} loaded it. */
  Class<?> loadedClass(String className) throws ClassNotFoundException {
    return Class.forName(className, false, lastLoader);
  }

  /** A static field of a class the latest {@link #run} loaded: what the fixture saw. */
  Object staticField(String className, String field) throws ReflectiveOperationException {
    java.lang.reflect.Field declared = Class.forName(className, false, lastLoader).getDeclaredField(field);
    declared.setAccessible(true);
    return declared.get(null);
  }

  /**
   * Runs a test class of this project with the loop on and the scripted console, through a real launcher
   * (Jupiter and reload-loop's end-of-run engine), and returns the events of both engines.
   */
  EngineExecutionResults run(String testClass, ScriptedConsole console, String... extraParameters) throws Exception {
    return run(List.of(testClass), console, extraParameters);
  }

  /** Runs several test classes of this project, in this order, like {@link #run(String, ScriptedConsole, String...)}. */
  EngineExecutionResults run(List<String> classNames, ScriptedConsole console, String... extraParameters)
      throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    List<URL> urls = new ArrayList<>(List.of(testClasses.toUri().toURL(), classes.toUri().toURL()));
    for (Path extra : extraClassDirectories) {
      urls.add(extra.toUri().toURL());
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), previous)) {
      Thread.currentThread().setContextClassLoader(loader);
      lastLoader = loader;
      // Scripts type continue right after a save: auto-rerun would race them (AutoRerunTests turns it on).
      Map<String, String> parameters = new HashMap<>(Map.of("reload.loop", "true", "reload.dir", main + "," + test,
          "reload.console", ScriptedConsoleFactory.class.getName(), ScriptedConsoleFactory.ID, console.id,
          "reload.auto", "false"));
      for (int i = 0; i + 1 < extraParameters.length; i += 2) {
        parameters.put(extraParameters[i], extraParameters[i + 1]);
      }
      List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
      for (String testClass : classNames) {
        selectors.add(DiscoverySelectors.selectClass(loader.loadClass(testClass)));
      }
      return LauncherRecorder.run(selectors, parameters);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
