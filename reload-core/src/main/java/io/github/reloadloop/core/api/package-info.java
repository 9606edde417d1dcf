/**
 * The values an {@link io.github.reloadloop.core.AutoReloader} hands out: what a batch did
 * ({@link ReloadResult}), why sources were not reloaded ({@link CompileProblem}, {@link RefusedClass}), a
 * snapshot of its state ({@link ReloadStatus}), and the compiler setting ({@link CompilerChoice}). Immutable,
 * and shared by the stages that produce them, which is why they are apart from the class that wires them.
 *
 * <p>Public API: every type of this package.
 *
 * @since 0.1.0
 */
package io.github.reloadloop.core.api;
