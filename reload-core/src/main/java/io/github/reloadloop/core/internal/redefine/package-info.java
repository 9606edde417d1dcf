/**
 * The redefinition stages: {@link Planner} compares a compiled patch with the running classes
 * ({@link RunningVersions}) into a {@link RedefinitionPlan}; {@link Applier} defines new classes, redefines
 * loaded ones (each patch fitted to its class as other agents instrumented it at load time) and writes the
 * overlay. Also the agent that provides the JVM's instrumentation ({@link AgentLoader}).
 *
 * <h2>What the reloader does to loaded classes</h2>
 * A class the user did not edit comes out exactly as the build made it. Every place in reload-core and the
 * JUnit extension that asks the JVM to define, redefine or retransform anything:
 * <ul>
 *   <li>{@code Redefiner.redefine} ({@code redefineClasses}): only classes of the current compile whose bytes
 *       differ from what runs, with the patch compiled as the build compiled the class (compiler, release,
 *       {@code -parameters}, preview: see {@code BuildSettings}; always with full debug information) plus the
 *       members other agents added at load time ({@code AgentMembers}). Nothing else is redefined; classes whose patch is
 *       refused keep running as they were.</li>
 *   <li>{@code EnhancedRedefinition} (JetBrains Runtime only): the same classes and bytes.</li>
 *   <li>{@code LoadedBytes.read} ({@code retransformClasses}, one class per call): reads a loaded class as it
 *       runs, for the members agents added, ahead of its first patch ({@code Applier.prepare}, the classes near
 *       a failing test) or at it. Its transformer returns bytes that are not a class file, so the JVM refuses
 *       the retransformation before it changes anything: the class is never defined from the class file the
 *       JVM reconstitutes (which on JDK 17 and 18 lacks {@code MethodParameters}, and on some JDKs other
 *       attributes). {@code ReadCheck} proves this on a probe class of its own once per JVM; where it does not
 *       hold, nothing is read. A class with no class file (generated at run time, a proxy) or a hidden class
 *       is never read; the status names it.</li>
 *   <li>{@code FirstRedefinition.run} ({@code retransformClasses}): one class of the reloader's own, unchanged,
 *       when the agent loads; no class of the program.</li>
 *   <li>In-place changes ({@code InPlaceBatch}, {@code core.internal.inplace.InPlace}): a class the user edited
 *       whose new version changed only private members is redefined ({@code redefineClasses}, in the same call
 *       as the batch's other classes) with its old shape and a rewritten body that calls companion classes;
 *       the companions are new classes defined into the class's package with {@code Lookup.defineClass}. No
 *       class the user did not edit changes.</li>
 *   <li>{@code ClassDefiner.define}: classes new in a patch, defined into the loaders that would have loaded
 *       them; no loaded class changes.</li>
 *   <li>{@code redefineModule}, in {@code JavacInternals} (opens javac's packages to reload-core) and in the
 *       extension's {@code UrlHandlerFactory} (opens {@code java.net} to it): module access only, no class
 *       changes.</li>
 *   <li>The extension's {@code eval} ({@code examine.access.Bridges}, {@code SnippetLoader}): new classes
 *       defined next to the test class with {@code Lookup.defineClass}; no loaded class changes.</li>
 * </ul>
 *
 * <p>Internal, do not use: public only for the classes that wire the stages ({@code AgentLoader} also for the
 * reload-loop extension), and {@link ReloadAgent} for the JVM, which the jar's manifest names as its
 * {@code -javaagent} entry point; these types may change in any release.
 */
package io.github.reloadloop.core.internal.redefine;
