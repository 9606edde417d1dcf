package io.github.reloadloop.junit.internal.engine;

import io.github.reloadloop.junit.internal.run.ReplayedRun;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Reports tests of a nested run again, as dynamic tests of the {@code reload-loop} engine, mirroring their
 * tree below the Jupiter engine: same display names, sources and legacy reporting names, so that reports file
 * each result under the original class and method (Surefire as a second run of a test it has, counted once,
 * by its last run).
 */
final class Replay {

  private final EngineExecutionListener listener;
  private final TestDescriptor root;
  private int runs;

  Replay(EngineExecutionListener listener, TestDescriptor root) {
    this.listener = listener;
    this.root = root;
  }

  void report(ReplayedRun run) {
    TestPlan plan = run.results().plan();
    if (plan == null) {
      return;
    }
    int index = ++runs;
    for (TestIdentifier engine : plan.getRoots()) {
      for (TestIdentifier child : plan.getChildren(engine)) {
        UniqueId.Segment segment = last(child.getUniqueIdObject());
        mirror(plan, child, root, root.getUniqueId().append("run-" + index + "-" + segment.getType(),
            segment.getValue()), run);
      }
    }
  }

  private void mirror(TestPlan plan, TestIdentifier original, TestDescriptor parent, UniqueId id, ReplayedRun run) {
    Optional<String> skipped = run.skipReason(original);
    Optional<TestExecutionResult> result = run.resultOf(original);
    if ((skipped.isEmpty() && result.isEmpty()) || !run.reports(original)) {
      return; // Not part of what ran (a sibling outside the selection), or reported by Jupiter's run already.
    }
    MirrorDescriptor descriptor = new MirrorDescriptor(id, original);
    parent.addChild(descriptor);
    listener.dynamicTestRegistered(descriptor);
    if (skipped.isPresent()) {
      listener.executionSkipped(descriptor, skipped.get());
      return;
    }
    listener.executionStarted(descriptor);
    for (TestIdentifier child : plan.getChildren(original)) {
      UniqueId.Segment segment = last(child.getUniqueIdObject());
      mirror(plan, child, descriptor, id.append(segment.getType(), segment.getValue()), run);
    }
    if (original.isTest()) {
      listener.reportingEntryPublished(descriptor, ReportEntry.from("reload-loop", run.note()));
    }
    listener.executionFinished(descriptor, result.get());
  }

  private static UniqueId.Segment last(UniqueId id) {
    return id.getSegments().get(id.getSegments().size() - 1);
  }
}
