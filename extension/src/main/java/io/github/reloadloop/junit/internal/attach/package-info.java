/**
 * The {@code reload-loop attach} command ({@link io.github.reloadloop.junit.internal.attach.AttachCommand}, the
 * main class of the extension's jar) and the protocol it speaks with a waiting test run's console over a Unix
 * domain socket. Uses nothing but the JDK, so that {@code java -jar reload-loop.jar attach} needs no other jar
 * ({@code PackageCycleTests} checks it).
 *
 * <p>Internal, do not use: the command line is the interface; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.attach;
