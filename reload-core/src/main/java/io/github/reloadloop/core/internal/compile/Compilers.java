package io.github.reloadloop.core.internal.compile;

import java.lang.instrument.Instrumentation;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The compilers of one reloader, created on first use and kept warm; {@link #close()} releases the jar files
 * they hold open. Thread-safe: the warm-up and a reload may ask for one at the same time.
 */
final class Compilers implements AutoCloseable {

  private final List<Path> classpath;
  private final Charset encoding;
  private final List<Path> processorPath;
  private final Supplier<Instrumentation> instrumentation;
  private final Path warmUpSource;
  private final Map<CompilerKind, SourceCompiler> compilers = new EnumMap<>(CompilerKind.class);
  private final Map<CompilerKind, SourceCompiler> warming = new EnumMap<>(CompilerKind.class);
  private boolean closed;

  /**
   * @param instrumentation the agent's, for javac's kept contexts; {@code null} while it is not loaded
   * @param warmUpSource the warm-up class's source file, in the reloader's own directory; {@code null} to let
   *     each compiler write one into a temporary directory
   */
  Compilers(List<Path> classpath, Charset encoding, List<Path> processorPath,
      Supplier<Instrumentation> instrumentation, Path warmUpSource) {
    this.classpath = List.copyOf(classpath);
    this.encoding = encoding;
    this.processorPath = List.copyOf(processorPath);
    this.instrumentation = instrumentation;
    this.warmUpSource = warmUpSource;
  }

  /** The compiler of this kind, created on first use. */
  synchronized SourceCompiler get(CompilerKind kind) {
    if (closed) {
      throw new IllegalStateException("the reloader is closed");
    }
    return compilers.computeIfAbsent(kind, this::create);
  }

  /**
   * The compiler of this kind for a save: the one {@link #get} returns, unless a warm-up compiles on it right
   * now and not on the {@linkplain #warmUp second one}, so that a save does not wait for a warm-up's compile to
   * stop. Then the second one (created if need be) compiles the save and the two swap roles: from now on it is
   * the one {@link #get} returns (so that the saves stay on the compiler whose context and processors they
   * warmed) and the other one is the warm-up's. Both compile the same way; each keeps its own context.
   */
  synchronized SourceCompiler forSave(CompilerKind kind) {
    SourceCompiler saves = get(kind);
    if (!saves.warmingUp()) {
      return saves;
    }
    SourceCompiler second = warming.get(kind);
    if (second != null && second.warmingUp()) {
      return saves;
    }
    SourceCompiler chosen = second != null ? second : create(kind);
    compilers.put(kind, chosen);
    warming.put(kind, saves);
    return chosen;
  }

  /**
   * A second compiler of this kind, for warming up while saves may come: a save cuts its compile short, and
   * a javac context cut short is not kept, so the one that compiles the saves stays intact. Created on first
   * use; {@link #closeWarmUp()} releases it.
   */
  synchronized SourceCompiler warmUp(CompilerKind kind) {
    if (closed) {
      throw new IllegalStateException("the reloader is closed");
    }
    return warming.computeIfAbsent(kind, this::create);
  }

  /** Closes the compilers made for the warm-up: what is left of the warm-up is only the JIT's work. */
  synchronized List<String> closeWarmUp() {
    return close(warming);
  }

  private SourceCompiler create(CompilerKind kind) {
    ToolCompiler compiler = kind == CompilerKind.JAVAC
        ? new JavacCompiler(classpath, encoding, processorPath, instrumentation)
        : new EcjCompiler(classpath, encoding, processorPath);
    if (warmUpSource != null) {
      compiler.warmUpFrom(warmUpSource);
    }
    return compiler;
  }

  /**
   * Closes every compiler.
   *
   * @return what went wrong, one message per compiler that could not be closed
   */
  synchronized List<String> closeAll() {
    closed = true;
    List<String> failures = new ArrayList<>(close(warming));
    failures.addAll(close(compilers));
    return failures;
  }

  private static List<String> close(Map<CompilerKind, SourceCompiler> compilers) {
    List<String> failures = new ArrayList<>();
    for (SourceCompiler compiler : compilers.values()) {
      try {
        compiler.close();
      } catch (RuntimeException e) {
        failures.add("closing the " + compiler.kind() + " compiler failed: " + e.getMessage());
      }
    }
    compilers.clear();
    return failures;
  }

  @Override
  public void close() {
    closeAll();
  }
}
