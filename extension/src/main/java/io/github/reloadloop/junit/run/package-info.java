/**
 * The state of one test run that the loop's features share, and the narrow interfaces through which they use
 * the loop: the reloads so far ({@link io.github.reloadloop.junit.run.ChangeLog}), what each test did
 * ({@link io.github.reloadloop.junit.run.TestHistory}), which class loader a test runs in
 * ({@link io.github.reloadloop.junit.run.Loaders}), the console for a failure they find
 * ({@link io.github.reloadloop.junit.run.Failures}) and what they report
 * ({@link io.github.reloadloop.junit.run.RunReport}). Internal.
 */
package io.github.reloadloop.junit.run;
