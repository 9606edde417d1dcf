package io.github.reloadloop.junit.internal.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each test of this run did last: passed (in which reload generation, and in which loader) or not.
 * Revalidation reruns the tests that passed before a reload changed a class they reach; {@code verify all}
 * reruns every test seen. Thread-safe.
 */
public final class TestHistory {

  /**
   * The latest result of one test.
   *
   * @param uniqueId the test's unique id
   * @param testClass binary name of the class that declares it (the {@code @Nested} class for a nested test)
   * @param passed whether it passed
   * @param generation the reload generation it ran against
   * @param fresh whether it ran in a fresh class loader
   */
  public record Entry(String uniqueId, String testClass, boolean passed, int generation, boolean fresh) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  /** Tests that passed at least once in the original class loader. */
  private final Map<String, Entry> passedInOriginal = new LinkedHashMap<>();

  public synchronized void record(String uniqueId, String testClass, boolean passed, int generation,
      boolean fresh) {
    Entry entry = new Entry(uniqueId, testClass, passed, generation, fresh);
    entries.put(uniqueId, entry);
    if (passed && !fresh) {
      passedInOriginal.put(uniqueId, entry);
    }
  }

  /** Tests whose latest run passed. */
  public synchronized List<Entry> passed() {
    return entries.values().stream().filter(Entry::passed).toList();
  }

  /** Every test seen in this run, in the order first seen. */
  public synchronized List<Entry> all() {
    return new ArrayList<>(entries.values());
  }

  /** Whether the test passed earlier in this run against the original classes. */
  public synchronized boolean passedInOriginalLoader(String uniqueId) {
    return passedInOriginal.containsKey(uniqueId);
  }
}
