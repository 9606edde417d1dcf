/**
 * Examining a failure: how it is reported ({@link FailureReport}: the exception and the first frame in the
 * user's code, with its source), and the console's {@code where} (the stack trace), {@code fields} (the
 * failing test's fields) and {@code eval} (Java evaluated with JShell in this JVM against the live test
 * instance), through {@link Examiner}.
 *
 * <p>Internal, do not use: public only for the loop; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.examine;
