package io.github.reloadloop.core.internal.compile;

import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Compiles source files in-process into memory against a classpath fixed at construction; nothing is written
 * to disk. Implementations keep what they can between compiles (open jars, package listings).
 */
interface SourceCompiler extends AutoCloseable {

  /** The class compiled to warm up. */
  String WARM_UP_CLASS = "ReloadLoopWarmUp";

  /**
   * A small class with what typical patches have, for every release from 8 on: lambdas and method references
   * with generic inference over streams, a switch on an enum, string concatenation, an anonymous and a nested
   * class, a generic method, a try/catch. The JIT compiles the parts of the compiler these reach.
   */
  String WARM_UP_SOURCE = String.join("\n",
      "import java.util.*;",
      "import java.util.function.*;",
      "import java.util.stream.*;",
      "class ReloadLoopWarmUp implements Comparable<ReloadLoopWarmUp> {",
      "  enum Kind { SMALL, LARGE }",
      "  interface Shape { int area(); }",
      "  private final List<Integer> values = new ArrayList<>(Arrays.asList(1, 2, 3));",
      "  private final Map<String, List<Integer>> groups = new HashMap<>();",
      "  private Kind kind = Kind.SMALL;",
      "  Runnable task = () -> { switch (kind) { case LARGE: values.add(2); break; default: break; } };",
      "  int total() { return values.stream().filter(v -> v > 1).mapToInt(Integer::intValue).sum(); }",
      "  String describe(Object o) { return \"x\" + o + values.size() + groups.keySet(); }",
      "  Map<Boolean, List<String>> split() {",
      "    return values.stream().map(String::valueOf).collect(Collectors.partitioningBy(s -> s.length() > 1));",
      "  }",
      "  Optional<Integer> largest() { return values.stream().sorted(Comparator.reverseOrder()).findFirst(); }",
      "  static int parse(String s) { try { return Integer.parseInt(s.trim()); } catch (NumberFormatException e) {"
          + " return -1; } }",
      "  Shape shape() { return new Shape() { public int area() { return total() * 2; } }; }",
      "  @Override public int compareTo(ReloadLoopWarmUp other) { return Integer.compare(total(), other.total()); }",
      "  static <T extends Comparable<T>> T max(List<T> list) {",
      "    T best = null;",
      "    for (T t : list) { if (best == null || t.compareTo(best) > 0) { best = t; } }",
      "    return best;",
      "  }",
      "  Function<Integer, String> label = i -> i > 0 ? \"+\" + i : String.valueOf(i);",
      "}",
      "");

  /** Which compiler this is. */
  CompilerKind kind();

  /** Compiles {@code sources} together with {@code settings}. */
  CompileOutput compile(List<SourceFile> sources, CompileSettings settings);

  /**
   * Compiles {@link #WARM_UP_SOURCE} (from a temporary file), then {@code project}, up to {@code rounds}
   * times, so that the user's saves are not the slow ones: the first compile in a JVM costs most (loading and
   * linking the compiler), the next ones let the JIT reach the compiler's hot paths, and a file of the project
   * takes the paths a save takes (its packages, the class files it reads). The output is dropped; project
   * files that do not compile are left out of later rounds. Stops as soon as {@code cancelled} says so,
   * between compiles and, where the compiler allows it, within one.
   *
   * @param project files of the project to compile in each round too (they may be none)
   * @return the rounds completed
   * @throws IllegalStateException when the warm-up class does not compile (the compiler cannot compile for
   *     these settings)
   */
  int warmUp(CompileSettings settings, int rounds, List<SourceFile> project, BooleanSupplier cancelled);

  /** Whether a {@link #warmUp} runs right now (a compile would wait for it). */
  default boolean warmingUp() {
    return false;
  }

  /**
   * The annotation types this compiler's annotation processors claim ({@code *}: every type); none without
   * processors.
   */
  default Set<String> processedAnnotations() {
    return Set.of();
  }

  /** Releases what the compiler holds open (the jars of its classpath); it cannot compile afterwards. */
  @Override
  void close();
}
