/**
 * Hot reload for a running JVM: {@link io.github.reloadloop.core.AutoReloader} watches sources, compiles
 * them in-process and redefines the loaded classes; listeners and {@link io.github.reloadloop.core.OnReload}
 * hooks let code react.
 */
package io.github.reloadloop.core;
