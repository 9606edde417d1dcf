/**
 * Where the loop talks to the developer, as a service interface: {@link ConsoleFactory} opens a
 * {@link LoopConsole}. The configuration parameter {@code reload.console} names a factory class, or one
 * of the loop's own consoles ({@code auto}, the default, {@code tty}, {@code attach}, {@code stdin},
 * {@code off}). Tests and benchmarks script a console through it (a documented test hook).
 *
 * <p>Public API: {@code ConsoleFactory} and {@code LoopConsole} with its nested types.
 *
 * @since 0.1.0
 */
package io.github.reloadloop.junit.console;
