/**
 * The project's class-dependency graph, read from class files: which classes a test can reach. Used to
 * decide which tests need a fresh class loader and which tests to revalidate. Internal, do not use.
 */
package io.github.reloadloop.junit.graph;
