/**
 * The compile stage: {@link PatchCompiler} turns changed sources into a {@link CompiledPatch}, compiled
 * in-process (javac or ecj) as the build compiled each class, with the annotation processors the build ran
 * (what they generate stays in memory). A compile is tried first ({@link PatchCompiler.TriedPatch}) and
 * settled when its patch is used, so that a compile started during the debounce can be dropped.
 *
 * <p>Internal, do not use: public only for the classes that wire the stages and for the stages after it;
 * these types may change in any release.
 */
package io.github.reloadloop.core.internal.compile;
