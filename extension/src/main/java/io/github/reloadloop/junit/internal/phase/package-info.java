/**
 * The phases of a test class around its tests, where a failure stops the loop too: which lifecycle method
 * failed and how to call it again ({@link LifecycleCalls}), and Spring's test context, loaded before the
 * test instance so that a context that will not start is fixed at the console ({@link SpringContexts}).
 *
 * <p>Internal, do not use: public only for the loop; these types may change in any release.
 */
package io.github.reloadloop.junit.internal.phase;
