/**
 * The console on {@code /dev/tty} (JLine): the terminal, the line editor that keeps the prompt under lines
 * printed meanwhile, Ctrl-C while {@code eval} runs and the commands and their completion. The other
 * consoles are in sub-packages: {@code attach} (the same console over a Unix domain socket), {@code line} (plain
 * lines on standard input, for IDE run consoles), and {@code choice} picks the one {@code reload.console} names.
 *
 * <p>Internal, do not use: public only for the loop; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.console;
