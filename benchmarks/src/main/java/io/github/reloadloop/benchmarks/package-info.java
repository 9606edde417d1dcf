/** Benchmarks of reload-loop, run by {@code benchmarks/run}: each case in its own JVM, results merged into one JSON file. */
package io.github.reloadloop.benchmarks;
