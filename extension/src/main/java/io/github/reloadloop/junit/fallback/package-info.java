/**
 * The fallback for changes the JVM refuses to redefine: tests that reach a class whose shape changed run in a
 * fresh, child-first class loader over the project's classes ({@link io.github.reloadloop.junit.fallback.FreshClassLoader},
 * one per reload: {@link io.github.reloadloop.junit.fallback.LoaderChoice}), whole classes before Jupiter would
 * start them ({@link io.github.reloadloop.junit.fallback.FreshRuns}), the classes still to come in one nested run
 * per reload; each fresh world keeps its own JVM-wide defaults
 * ({@link io.github.reloadloop.junit.fallback.JvmGlobals}). Internal.
 */
package io.github.reloadloop.junit.fallback;
