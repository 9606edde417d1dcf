package io.github.reloadloop.core;

import io.github.reloadloop.core.compile.CompileSettings;
import io.github.reloadloop.core.compile.CompilerKind;
import io.github.reloadloop.core.compile.EcjCompiler;
import io.github.reloadloop.core.compile.JavacCompiler;
import io.github.reloadloop.core.compile.SourceCompiler;
import java.util.EnumMap;
import java.util.Map;

/**
 * The compilers of one reloader, created on first use and kept warm; {@link #close()} releases the jar files
 * they hold open. Thread-safe.
 */
final class Compilers implements AutoCloseable {

  private final CompileSettings settings;
  private final ReloadListener listener;
  private final Map<CompilerKind, SourceCompiler> compilers = new EnumMap<>(CompilerKind.class);
  private boolean closed;

  Compilers(CompileSettings settings, ReloadListener listener) {
    this.settings = settings;
    this.listener = listener;
  }

  /** The compiler of this kind, created on first use. */
  synchronized SourceCompiler get(CompilerKind kind) {
    if (closed) {
      throw new IllegalStateException("the reloader is closed");
    }
    return compilers.computeIfAbsent(kind,
        k -> k == CompilerKind.JAVAC ? new JavacCompiler(settings) : new EcjCompiler(settings));
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (SourceCompiler compiler : compilers.values()) {
      try {
        compiler.close();
      } catch (RuntimeException e) {
        listener.warning("closing the " + compiler.kind() + " compiler failed: " + e.getMessage());
      }
    }
    compilers.clear();
  }
}
