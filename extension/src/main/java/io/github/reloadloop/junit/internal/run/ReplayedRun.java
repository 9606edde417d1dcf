package io.github.reloadloop.junit.internal.run;

import io.github.reloadloop.junit.internal.rerun.RunResults;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A nested run whose results are reported again after Jupiter's run, under the original tests' names:
 * tests run in a fresh class loader instead of their original class (which Jupiter reports as skipped), and
 * revalidated tests.
 *
 * @param results what the nested run did
 * @param finalResults for some tests, the result that stands instead (fixed at the console, or a
 *     revalidation failure that says what it passed against before)
 * @param note a line for each test's report entry: why it ran again, and where
 */
public record ReplayedRun(RunResults results, Map<UniqueId, TestExecutionResult> finalResults, String note) {

  public ReplayedRun {
    finalResults = Map.copyOf(finalResults);
  }

  /** The result that stands for this test or container, if it ran. */
  public Optional<TestExecutionResult> resultOf(TestIdentifier identifier) {
    UniqueId id = identifier.getUniqueIdObject();
    TestExecutionResult own = finalResults.get(id);
    if (own != null) {
      return Optional.of(own);
    }
    return results.outcome(id).map(RunResults.Outcome::result);
  }

  /** Why this test or container was skipped in the nested run, if it was. */
  public Optional<String> skipReason(TestIdentifier identifier) {
    if (finalResults.containsKey(identifier.getUniqueIdObject())) {
      return Optional.empty();
    }
    return results.outcome(identifier.getUniqueIdObject()).map(RunResults.Outcome::skipReason);
  }
}
