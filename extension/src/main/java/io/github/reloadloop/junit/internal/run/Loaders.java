package io.github.reloadloop.junit.internal.run;

import java.util.List;

/**
 * Which class loader a test runs in: the original one, where every change the JVM accepted runs redefined
 * in place, or the fresh loader of the current reload, for a test that reaches a class whose newest version
 * changed shape.
 */
public interface Loaders {

  /** The class loader the tests were loaded through when the run started. */
  ClassLoader original();

  /** The fresh class loader of the current reload generation. */
  ClassLoader fresh();

  /** The class loader a test of {@code testClass} runs in now. */
  ClassLoader forTest(String testClass);

  /** Lines shown under a failure of this test: which loader it ran in, and what it passed against before. */
  List<String> notesFor(String uniqueId, String testClass);
}
