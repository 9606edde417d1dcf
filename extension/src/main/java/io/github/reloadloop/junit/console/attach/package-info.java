/**
 * The attach console: the loop's console for a run without a terminal (an IDE run, a Gradle test worker, a
 * build started without one), served over a Unix domain socket to {@code reload-loop attach}. Internal.
 */
package io.github.reloadloop.junit.console.attach;
