/** Which console a run opens ({@code reload.console}): the terminal, an IDE's console, the attach console, or none. Internal. */
package io.github.reloadloop.junit.console.choice;
