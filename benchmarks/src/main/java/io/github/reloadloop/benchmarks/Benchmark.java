package io.github.reloadloop.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * One benchmark: a few cases, each run in a fresh JVM (so that the classes, heap and JIT state of one case
 * do not colour the next), then a report that turns the cases' raw figures into result keys and table rows.
 *
 * <p>To add a benchmark (fix-to-green, restart cycle, loop overhead), implement this interface and list it in
 * {@link BenchmarkMain#BENCHMARKS}.
 */
interface Benchmark {

  /** Short name, used on the command line ({@code --only}) and in progress output. */
  String name();

  /** The cases to run; {@code quick} asks for a reduced set. */
  List<String> cases(boolean quick);

  /** Runs one case inside the child JVM and returns its raw figures (JSON-compatible values). */
  Map<String, Object> runCase(String caseName, boolean quick) throws Exception;

  /**
   * Turns the raw figures of every case (by case name, in order) into result keys, and returns a Markdown
   * section (a heading and a table) for the console.
   */
  String report(Map<String, Map<String, Object>> cases, Results results);
}
