/**
 * The {@code reload-loop} test engine, which the launcher executes after Jupiter: it reports what ran after
 * Jupiter's own events were over (tests run in a fresh class loader, revalidated tests). Internal.
 */
package io.github.reloadloop.junit.engine;
