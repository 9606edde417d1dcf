/**
 * Revalidation: after reloads, the tests of the run that passed before a change to a class they reach run
 * again against the code on disk, at the end of the run ({@link io.github.reloadloop.junit.revalidation.Revalidation})
 * or at the console's {@code verify} ({@link io.github.reloadloop.junit.revalidation.Verify}). Internal.
 */
package io.github.reloadloop.junit.revalidation;
