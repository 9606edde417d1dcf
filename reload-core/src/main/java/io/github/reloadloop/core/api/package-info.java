/**
 * The values an {@link io.github.reloadloop.core.AutoReloader} hands out: what a batch did
 * ({@link io.github.reloadloop.core.api.ReloadResult}), why sources were not reloaded
 * ({@link io.github.reloadloop.core.api.CompileProblem}, {@link io.github.reloadloop.core.api.RefusedClass}),
 * a snapshot of its state ({@link io.github.reloadloop.core.api.ReloadStatus}), and the compiler setting
 * ({@link io.github.reloadloop.core.api.CompilerChoice}). Immutable, and shared by the stages that produce them.
 *
 * @since 0.1.0
 */
package io.github.reloadloop.core.api;
