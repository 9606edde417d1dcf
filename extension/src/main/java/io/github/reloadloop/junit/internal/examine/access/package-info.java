/**
 * Lets JShell snippets reach the failing test's package-private and private members: the compiler sees
 * the project's classes opened, and snippet classes run in the test's package and class loader, with
 * bridges for private members.
 *
 * <p>Internal, do not use: public only for {@code examine}; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.examine.access;
