package io.github.reloadloop.junit.internal.run;

import io.github.reloadloop.junit.internal.graph.ClassGraph;
import io.github.reloadloop.junit.internal.rerun.TestRerunner;
import java.util.function.Supplier;

/**
 * The run as the loop's features (the fallback, revalidation) see it: its state, and the narrow interfaces
 * through which they use the loop. The loop's session puts it together; nothing in it leads back to the
 * session.
 *
 * @param changes the reloads so far
 * @param history what each test did
 * @param graph the project's class-dependency graph, read on first use
 * @param rerunner runs tests again in a nested launcher run
 * @param loaders which class loader a test runs in
 * @param failures the console, for the failures they find
 * @param report what they show and what the end-of-run engine reports
 */
public record RunContext(ChangeLog changes, TestHistory history, Supplier<ClassGraph> graph, TestRerunner rerunner,
    Loaders loaders, Failures failures, RunReport report) {}
