/** The console on /dev/tty (JLine), its commands, and the seam tests script it through. Internal. */
package io.github.reloadloop.junit.console;
