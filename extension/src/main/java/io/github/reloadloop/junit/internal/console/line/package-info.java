/**
 * The console in plain lines on standard input and output, for IDE run consoles.
 *
 * <p>Internal, do not use: public only for the loop; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.console.line;
