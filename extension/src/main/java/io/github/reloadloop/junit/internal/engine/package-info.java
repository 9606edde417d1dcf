/**
 * The {@code reload-loop} test engine, which the launcher executes after Jupiter: it ends the loop's session
 * and reports what ran after Jupiter's own events were over (tests run in a fresh class loader, revalidated
 * tests) under the original tests' names.
 *
 * <p>Internal, do not use: {@link ReloadLoopEngine} is public for the launcher's service loader only.
 */
package io.github.reloadloop.junit.internal.engine;
