package io.github.reloadloop.junit.internal.run;

import io.github.reloadloop.junit.internal.rerun.RunResults;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Tests of a nested run whose results are reported after Jupiter's run, under the original tests' names,
 * because Jupiter's own run could not report them: a revalidation failure that stands (the test passed in
 * Jupiter's run, against older code), or a test that a fix added to a class that ran in a fresh class loader
 * (Jupiter's run does not have it).
 *
 * @param results what the nested run did
 * @param finalResults for some tests, the result that stands instead (fixed at the console, or a
 *     revalidation failure that says what it passed against before)
 * @param reported the tests to report; the containers above them are reported with them
 * @param note a line for each test's report entry: why it ran again, and where
 */
public record ReplayedRun(RunResults results, Map<UniqueId, TestExecutionResult> finalResults, Set<UniqueId> reported,
    String note) {

  public ReplayedRun {
    finalResults = Map.copyOf(finalResults);
    reported = Set.copyOf(reported);
  }

  /** Whether this test is reported, or this container holds one that is. */
  public boolean reports(TestIdentifier identifier) {
    UniqueId id = identifier.getUniqueIdObject();
    return identifier.isTest() ? reported.contains(id) : reported.stream().anyMatch(test -> test.hasPrefix(id));
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
