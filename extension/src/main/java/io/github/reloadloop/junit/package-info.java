/**
 * The JUnit Jupiter extension {@link io.github.reloadloop.junit.ReloadLoop}: a failing test stops at a
 * console, saved fixes are reloaded, {@code continue} reruns the test. Sub-packages are internal.
 */
package io.github.reloadloop.junit;
