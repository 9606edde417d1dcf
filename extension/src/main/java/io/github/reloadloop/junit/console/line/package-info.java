/** The console in plain lines on standard input and output, for IDE run consoles. Internal. */
package io.github.reloadloop.junit.console.line;
