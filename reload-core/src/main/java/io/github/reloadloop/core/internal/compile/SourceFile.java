package io.github.reloadloop.core.internal.compile;

import java.nio.file.Path;

/**
 * A Java source file read from disk, its text already decoded.
 *
 * @param path where it lives
 * @param text its content
 */
record SourceFile(Path path, String text) {}
