/**
 * The fallback for changes the JVM refuses to redefine: tests that reach a class whose shape changed run in
 * a fresh, child-first class loader over the project's classes ({@link FreshClassLoader}, one per reload,
 * chosen by {@link LoaderChoice}); a class that reaches one runs whole there before Jupiter would start it
 * ({@link FreshRuns}), the classes still to come in one nested run per reload; each fresh world keeps its own
 * JVM-wide defaults ({@link JvmGlobals}).
 *
 * <p>Internal, do not use: public only for the loop; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.fallback;
