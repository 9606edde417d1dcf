/**
 * Examining a failure at the console: {@code where} (the stack trace), {@code fields} (the failing test's
 * fields) and {@code eval} (Java evaluated with JShell in this JVM against the live test instance). Internal.
 */
package io.github.reloadloop.junit.examine;
