/**
 * Revalidation: after reloads, the tests of the run that passed before a change to a class they reach run
 * again against the code on disk, at the end of the run ({@link Revalidation}) or at the console's
 * {@code verify} ({@link Verify}).
 *
 * <p>Internal, do not use: public only for the loop; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.revalidation;
