/**
 * The state of one test run that the loop's features share, and the narrow interfaces through which they use
 * the loop, handed to them together as a {@link RunContext}: the reloads so far ({@link ChangeLog}), what
 * each test did ({@link TestHistory}), which class loader a test runs in ({@link Loaders}), the console for a
 * failure they find ({@link Failures}) and what they report ({@link RunReport}).
 *
 * <p>Internal, do not use: public only for the loop and its features; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.run;
