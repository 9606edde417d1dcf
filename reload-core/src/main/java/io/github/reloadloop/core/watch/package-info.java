/** Recursive source watching and debouncing into batches; knows nothing of compiling. */
package io.github.reloadloop.core.watch;
