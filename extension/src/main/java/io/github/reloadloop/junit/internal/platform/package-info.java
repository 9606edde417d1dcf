/**
 * Integration with the JUnit Platform launcher: auto-detection turned on when {@code reload.loop=true}
 * ({@link AutoDetection}), and the outer run's test plan ({@link OuterPlans}).
 *
 * <p>Internal, do not use: public for the launcher's service loader and the loop; these types may change in
 * any release.
 */
package io.github.reloadloop.junit.internal.platform;
