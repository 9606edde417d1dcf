/**
 * The attach console: the loop's console for a run without a terminal (an IDE run, a Gradle test worker, a
 * build started without one), served over a Unix domain socket to {@code reload-loop attach}.
 *
 * <p>Internal, do not use: public only for the loop; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.console.attach;
