/**
 * The redefinition stages: {@link Planner} compares a compiled patch with the running classes
 * ({@link RunningVersions}) into a {@link RedefinitionPlan}; {@link Applier} defines new classes, redefines
 * loaded ones (each patch fitted to its class as other agents instrumented it at load time) and writes the
 * overlay. Also the agent that provides the JVM's instrumentation ({@link AgentLoader}).
 *
 * <p>Internal, do not use: public only for the classes that wire the stages ({@code AgentLoader} also for the
 * reload-loop extension), and {@link ReloadAgent} for the JVM, which the jar's manifest names as its
 * {@code -javaagent} entry point; these types may change in any release.
 */
package io.github.reloadloop.core.internal.redefine;
