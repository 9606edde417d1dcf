package io.github.reloadloop.junit.internal.revalidation;

import io.github.reloadloop.junit.internal.graph.ClassGraph;
import io.github.reloadloop.junit.internal.rerun.RunResults;
import io.github.reloadloop.junit.internal.run.ChangeLog.Reload;
import io.github.reloadloop.junit.internal.run.RunContext;
import io.github.reloadloop.junit.internal.run.TestHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.UniqueId;

/**
 * The tests to run again after reloads: those whose latest pass is older than a change to a class they reach
 * (through {@link ClassGraph}), grouped by the class loader they run in now.
 *
 * @param test a test to rerun
 * @param reload the first reload after its pass that changed a class it reaches ({@code null} for
 *     {@code verify all})
 * @param changed the changed classes it reaches
 */
record Candidate(TestHistory.Entry test, Reload reload, Set<String> changed) {

  /** The tests whose latest pass is older than a change to a class they reach. */
  static List<Candidate> select(RunContext run, List<TestHistory.Entry> tests, boolean sinceTheirPass) {
    ClassGraph graph = run.graph().get();
    Map<String, ClassGraph.Reach> reaches = new HashMap<>();
    Map<Integer, Map<String, Reload>> changedAfter = new HashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (TestHistory.Entry test : tests) {
      int after = sinceTheirPass ? test.generation() : 0;
      Map<String, Reload> changed = changedAfter.computeIfAbsent(after, g -> run.changes().changedAfter(g));
      if (changed.isEmpty()) {
        continue;
      }
      ClassGraph.Reach reach = reaches.computeIfAbsent(test.testClass(), c -> graph.reach(List.of(c)));
      Set<String> reached = new TreeSet<>(reach.reached(changed.keySet()));
      if (!reached.isEmpty()) {
        Reload first = reached.stream().map(changed::get).min(Comparator.comparingInt(Reload::generation)).get();
        candidates.add(new Candidate(test, first, reached));
      }
    }
    return candidates;
  }

  /** Tests that reach a class that changed shape run in the fresh loader; the others in the original one. */
  static Map<ClassLoader, List<Candidate>> byLoader(RunContext run, List<Candidate> candidates) {
    Map<ClassLoader, List<Candidate>> groups = new LinkedHashMap<>();
    for (Candidate candidate : candidates) {
      groups.computeIfAbsent(run.loaders().forTest(candidate.test().testClass()), l -> new ArrayList<>())
          .add(candidate);
    }
    return groups;
  }

  static List<String> ids(List<Candidate> candidates) {
    return candidates.stream().map(c -> c.test().uniqueId()).toList();
  }

  /** The test's name in the nested run that reran it. */
  static String name(RunResults results, UniqueId id) {
    return results.outcome(id).map(RunResults.Outcome::identifier)
        .map(test -> RunResults.displayPath(results.plan(), test)).orElse(id.toString());
  }

  static String simpleName(String binaryName) {
    return binaryName.substring(binaryName.lastIndexOf('.') + 1);
  }
}
