/**
 * Reruns tests by unique id in a nested launcher run, on a thread of their own, in the class loader asked for
 * ({@link TestRerunner}), with the JVM-wide defaults of that loader's world ({@link Worlds}).
 *
 * <p>Internal, do not use: public only for the loop's features; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.rerun;
