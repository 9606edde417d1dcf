/**
 * The compile stage: {@link io.github.reloadloop.core.compile.PatchCompiler} turns changed sources into a
 * {@link io.github.reloadloop.core.compile.CompiledPatch}, compiled in-process (javac or ecj) as the build
 * compiled each class, with the annotation processors the build ran (what they generate stays in memory);
 * {@link io.github.reloadloop.core.compile.Overlay} holds the reloader's own class directories;
 * {@link io.github.reloadloop.core.compile.Classpath} reads the running JVM's classpath.
 *
 * <p>Internal, do not use: apart from {@code Classpath} and {@code CompilerKind}, these types may change in
 * any release.
 */
package io.github.reloadloop.core.compile;
