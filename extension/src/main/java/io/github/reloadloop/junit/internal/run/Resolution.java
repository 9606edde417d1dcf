package io.github.reloadloop.junit.internal.run;

/**
 * How the loop ended for a failed test.
 *
 * @param passed whether a rerun passed
 * @param reruns how many reruns ran
 * @param latest the latest failure (the original one when nothing was rerun)
 */
public record Resolution(boolean passed, int reruns, Throwable latest) {}
