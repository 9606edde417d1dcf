package io.github.reloadloop.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code static}, parameterless method to run right after its class was redefined, on the reload
 * thread, for example to clear a cache that holds results of the old code:
 *
 * <pre>{@code
 * @OnReload
 * static void clearCache() {
 *   CACHE.clear();
 * }
 * }</pre>
 *
 * <p>{@link AutoReloader#currentlyReloading()} is {@code true} while it runs. An exception it throws is
 * reported and does not undo the reload.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnReload {}
