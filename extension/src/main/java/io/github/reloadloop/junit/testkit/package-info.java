/**
 * Test hooks, documented and public but not for production code: {@link
 * io.github.reloadloop.junit.testkit.LoopHarness} drives the loop's session of a test run from a program (the
 * benchmarks play the developer through it), {@link io.github.reloadloop.junit.testkit.AffectedTests} asks
 * which test classes reach a changed class. A console for such a run comes from a
 * {@link io.github.reloadloop.junit.console.ConsoleFactory} named by {@code reload.console}.
 *
 * <p>Public API of this package: {@code LoopHarness}, {@code LoopHarness.Rerun}, {@code AffectedTests}. It may
 * change in any release.
 *
 * @since 0.1.0
 */
package io.github.reloadloop.junit.testkit;
