/**
 * The project's class-dependency graph, read from class files: which classes a test can reach
 * ({@link ClassGraph}). Used to decide which tests need a fresh class loader and which tests to revalidate.
 *
 * <p>Internal, do not use: public only for the loop's features; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.graph;
