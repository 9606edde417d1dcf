/** In-process compilers (javac and ecj) that compile sources into memory, and the classpath they use. */
package io.github.reloadloop.core.compile;
