/** Integration with the JUnit Platform launcher: turns on auto-detection when reload.loop=true. Internal. */
package io.github.reloadloop.junit.platform;
