/** The loop itself: configuration, the session of one test run, one failure at the console. Internal. */
package io.github.reloadloop.junit.loop;
