package io.github.reloadloop.core.compile;

import java.util.List;

/**
 * Compiles source files in-process into memory; nothing is written to disk.
 *
 * @since 0.1.0
 */
public interface SourceCompiler extends AutoCloseable {

  /** Which compiler this is. */
  CompilerKind kind();

  /** Compiles {@code sources} together against the classpath given at construction. */
  CompileOutput compile(List<SourceFile> sources);

  /** Compiles a tiny class so that the first real compile is fast. */
  default void warmUp() {
    compile(List.of(new SourceFile(java.nio.file.Path.of("ReloadLoopWarmUp.java"),
        "class ReloadLoopWarmUp { Runnable r = () -> { switch (java.time.DayOfWeek.MONDAY) { default -> {} } };"
            + " String s(Object o) { return \"x\" + o; } }")));
  }

  /** Releases what the compiler holds open (the jars of its classpath); it cannot compile afterwards. */
  @Override
  default void close() {}
}
