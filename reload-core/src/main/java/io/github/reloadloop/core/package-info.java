/**
 * Hot reload for a running JVM: {@link AutoReloader} watches sources, compiles them in-process and redefines
 * the loaded classes; listeners ({@link ReloadListener}) and {@link OnReload} hooks let code react.
 *
 * <p>The public API of reload-core is this package, {@link AutoReloader}, {@link AutoReloaderBuilder},
 * {@link ReloadListener}, {@link OnReload} and {@link StandardErrorReporter}, and the values in
 * {@link io.github.reloadloop.core.api}. Everything below {@code io.github.reloadloop.core.internal} is the
 * machinery (one package a stage: {@code watch}, {@code compile}, {@code redefine}; the {@code overlay}
 * directories, the {@code project} layout, {@code classfile} shapes) and may change in any release; the
 * package-private classes here wire the stages ({@code ReloadPipeline}) and own the threads
 * ({@code ReloadScheduler}).
 *
 * @since 0.1.0
 */
package io.github.reloadloop.core;
