package io.github.reloadloop.core.compile;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Compiles source files in-process into memory against a classpath fixed at construction; nothing is written
 * to disk. Implementations keep what they can between compiles (open jars, package listings).
 */
interface SourceCompiler extends AutoCloseable {

  /** Compiles of a small class at start. */
  int WARM_UP_ROUNDS = 3;

  /** The class compiled to warm up. */
  String WARM_UP_CLASS = "ReloadLoopWarmUp";

  /** A tiny class with what a typical patch has: a lambda, a switch on an enum, string concatenation. */
  String WARM_UP_SOURCE = "class ReloadLoopWarmUp { Runnable r = () -> { switch (java.time.DayOfWeek.MONDAY) {"
      + " default: break; } }; String s(Object o) { return \"x\" + o; } }";

  /** Which compiler this is. */
  CompilerKind kind();

  /** Compiles {@code sources} together with {@code settings}. */
  CompileOutput compile(List<SourceFile> sources, CompileSettings settings);

  /**
   * Compiles {@link #WARM_UP_SOURCE} (from a temporary file) a few times so that the user's first save is not
   * the slow one: the first compile in a JVM costs most (loading and linking the compiler), the next few let
   * the JIT reach the compiler's hot paths. Stops as soon as {@code cancelled} says so, between rounds and,
   * where the compiler allows it, within one.
   *
   * @return the rounds completed
   * @throws IllegalStateException when a warm-up compile fails (the compiler cannot compile for these settings)
   */
  int warmUp(CompileSettings settings, BooleanSupplier cancelled);

  /** Releases what the compiler holds open (the jars of its classpath); it cannot compile afterwards. */
  @Override
  void close();
}
