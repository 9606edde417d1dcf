/**
 * Which console a run opens ({@code reload.console}): the terminal, an IDE's console, the attach console, or
 * none.
 *
 * <p>Internal, do not use: public only for the loop; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.console.choice;
