/**
 * Lets JShell snippets reach the failing test's package-private and private members: the compiler sees
 * the project's classes opened, and snippet classes run in the test's package and class loader, with
 * bridges for private members. Internal.
 */
package io.github.reloadloop.junit.examine.access;
