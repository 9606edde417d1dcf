/**
 * The console on {@code /dev/tty} (JLine): the terminal, the line editor that keeps the prompt under lines
 * printed meanwhile, Ctrl-C while {@code eval} runs, the commands and their completion, and the console
 * factory named by {@code reload.console} ({@link Consoles}).
 *
 * <p>Internal, do not use: public only for the loop; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.console;
