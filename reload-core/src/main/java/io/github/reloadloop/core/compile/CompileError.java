package io.github.reloadloop.core.compile;

import java.nio.file.Path;

/**
 * One error reported by a compiler.
 *
 * @param file the source file, or {@code null} when the error is not about a file
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param message the compiler's message
 */
public record CompileError(Path file, long line, long column, String message) {}
