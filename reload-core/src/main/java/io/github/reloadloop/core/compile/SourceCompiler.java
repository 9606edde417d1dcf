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

  /** Compiles of a small class at start. */
  int WARM_UP_ROUNDS = 3;

  /** Compiles a tiny class a few times so that the first real compile is fast. */
  default void warmUp() {
    warmUp(() -> false);
  }

  /**
   * Warms up like {@link #warmUp()}, stopping between rounds once {@code cancelled} says so. The first
   * compile in a JVM costs most (loading and linking the compiler); the next few let the JIT reach the
   * compiler's hot paths, so that the user's first save is not the slow one.
   */
  default void warmUp(java.util.function.BooleanSupplier cancelled) {
    for (int round = 0; round < WARM_UP_ROUNDS && !cancelled.getAsBoolean(); round++) {
      compile(List.of(new SourceFile(java.nio.file.Path.of("ReloadLoopWarmUp.java"),
          "class ReloadLoopWarmUp { Runnable r = () -> { switch (java.time.DayOfWeek.MONDAY) { default -> {} } };"
              + " String s(Object o) { return \"x\" + o; } }")));
    }
  }

  /** Releases what the compiler holds open (the jars of its classpath); it cannot compile afterwards. */
  @Override
  default void close() {}
}
