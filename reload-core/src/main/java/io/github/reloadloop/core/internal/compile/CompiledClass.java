package io.github.reloadloop.core.internal.compile;

import java.nio.file.Path;

/**
 * One class of a compiled patch.
 *
 * @param name binary name ({@code acme.Ledger$Entry})
 * @param bytes the class file
 * @param source the source file it was compiled from
 * @param classDirectory the build's class directory where the class it replaces lives (the running class is
 *     redefined only if it was loaded from there or from the overlay), or {@code null} when none is known
 * @param overlayDirectory where the class file is written, or {@code null} when there is no writable overlay
 */
public record CompiledClass(String name, byte[] bytes, Path source, Path classDirectory, Path overlayDirectory) {}
