/** Reruns one test by unique id in a nested launcher, optionally in a fresh class loader. Internal. */
package io.github.reloadloop.junit.rerun;
