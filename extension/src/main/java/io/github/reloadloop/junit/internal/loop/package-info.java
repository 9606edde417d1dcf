/**
 * The loop itself: its configuration ({@link LoopConfiguration}), the session of one test run
 * ({@link LoopSession}, which puts the features together), and one failure at the console
 * ({@link FailureLoop}, one {@link Prompt} step at a time).
 *
 * <p>Internal, do not use: public only for {@code ReloadLoop}, the end-of-run engine and the test hooks;
 * these types may change in any release.
 */
package io.github.reloadloop.junit.internal.loop;
