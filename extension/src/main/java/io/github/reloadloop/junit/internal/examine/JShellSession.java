package io.github.reloadloop.junit.internal.examine;

import io.github.reloadloop.junit.internal.examine.access.OpenedClassFiles;
import io.github.reloadloop.junit.internal.examine.access.SnippetLoader;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell in this JVM, with local execution in the test's package and class loader ({@link SnippetLoader}),
 * compiling against the test JVM's class path with the project's classes opened ({@link OpenedClassFiles}).
 * Not thread-safe: one thread ({@link Evaluator}'s) uses it.
 */
final class JShellSession implements AutoCloseable {

  private final JShell shell;
  private final SnippetLoader loader;
  private final AtomicLong runningSince;

  private JShellSession(JShell shell, SnippetLoader loader, AtomicLong runningSince) {
    this.shell = shell;
    this.loader = loader;
    this.runningSince = runningSince;
  }

  /**
   * @param anchor the test class: snippets run in its package and class loader
   * @param classpath the compile-time class path (the test JVM's, with the project's class directories)
   * @param projectDirectories class directories whose classes the compiler sees with access opened
   */
  static JShellSession start(Class<?> anchor, List<Path> classpath, Collection<Path> projectDirectories)
      throws IllegalAccessException {
    SnippetLoader loader = new SnippetLoader(anchor);
    AtomicLong runningSince = new AtomicLong();
    ExecutionControlProvider provider = new ExecutionControlProvider() {
      @Override
      public String name() {
        return "reload-loop";
      }

      @Override
      public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new LocalExecutionControl(loader) {
          @Override
          public String invoke(String className, String methodName) throws RunException, InternalException,
              EngineTerminationException {
            runningSince.set(System.nanoTime());
            try {
              return super.invoke(className, methodName);
            } finally {
              runningSince.set(0);
            }
          }
        };
      }
    };
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    JShell shell = JShell.builder()
        .executionEngine(provider, Map.of())
        .fileManager(files -> new OpenedClassFiles(files, projectDirectories))
        .compilerOptions("--class-path", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)))
        .in(InputStream.nullInputStream())
        .out(discard)
        .err(discard)
        .build();
    return new JShellSession(shell, loader, runningSince);
  }

  /** {@link System#nanoTime()} when the running snippet started, or 0 while none runs (JShell compiles). */
  long runningSince() {
    return runningSince.get();
  }

  JShell shell() {
    return shell;
  }

  SourceCodeAnalysis analysis() {
    return shell.sourceCodeAnalysis();
  }

  List<SnippetEvent> evalSnippet(String source) {
    return shell.eval(source);
  }

  /**
   * Declares {@code name} as a variable of {@code type} holding {@code value}.
   *
   * @return JShell's events for the declaration (rejected when the type cannot be named from a snippet)
   */
  List<SnippetEvent> bind(String name, String type, Object value) throws IllegalAccessException {
    int mark = loader.loadedCount();
    List<SnippetEvent> events = shell.eval(type + " " + name + ";");
    for (Class<?> snippet : loader.loadedSince(mark)) {
      for (Field field : snippet.getDeclaredFields()) {
        if (field.getName().equals(name) && Modifier.isStatic(field.getModifiers())) {
          field.setAccessible(true);
          field.set(null, value);
          return events;
        }
      }
    }
    return events;
  }

  /** Stops the running evaluation, as far as this JDK's local execution can. */
  void stop() {
    shell.stop();
  }

  @Override
  public void close() {
    shell.close();
  }
}
