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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
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

  /** The name of the class JShell wraps a declaration in ({@code shop.$examine1$$JShell$11}). */
  private static final Pattern WRAPPER = Pattern.compile("\\$JShell\\$\\d+$");

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
    List<SnippetEvent> events = shell.eval(type + " " + name + ";");
    if (events.stream().anyMatch(e -> e.status() == Snippet.Status.REJECTED)) {
      return events;
    }
    // The declaration's wrapper class is the newest that declares the variable: loaded now, or, when the same
    // declaration was made before (the same type bound again after a failed rerun), loaded then: JShell finds
    // the same bytes loaded and only runs the declaration again, which sets the variable to null.
    List<Class<?>> loaded = loader.loaded();
    for (int i = loaded.size() - 1; i >= 0; i--) {
      Class<?> snippet = loaded.get(i);
      if (!WRAPPER.matcher(snippet.getName()).find()) {
        continue; // A class the user declared in a snippet, nested in its wrapper.
      }
      for (Field field : snippet.getDeclaredFields()) {
        if (field.getName().equals(name) && Modifier.isStatic(field.getModifiers())
            && (value == null || field.getType().isInstance(value))) {
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
