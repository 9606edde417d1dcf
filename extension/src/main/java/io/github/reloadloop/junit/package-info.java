/**
 * The JUnit Jupiter extension {@link ReloadLoop}: a failing test stops at a console, saved fixes are
 * reloaded, and the test reruns at once (or at {@code continue}).
 *
 * <p>The public API of the reload-loop artifact is {@link ReloadLoop} and its configuration parameters
 * (see the README), the console's service interface in {@link io.github.reloadloop.junit.console}
 * ({@code ConsoleFactory}, {@code LoopConsole}, named by {@code reload.console}), and the test hooks in
 * {@link io.github.reloadloop.junit.testkit}. Everything below {@code io.github.reloadloop.junit.internal} is
 * the machinery, one package a feature ({@code loop}, {@code console}, {@code rerun}, {@code fallback},
 * {@code revalidation}, {@code examine}; {@code run} holds the state they share; {@code attach} is the
 * {@code reload-loop attach} command, the jar's main class) and may change in any release.
 *
 * @since 0.1.0
 */
package io.github.reloadloop.junit;
