/**
 * The redefinition stages: {@link io.github.reloadloop.core.redefine.Planner} compares a compiled patch with
 * the running classes ({@link io.github.reloadloop.core.redefine.RunningVersions}) into a
 * {@link io.github.reloadloop.core.redefine.RedefinitionPlan};
 * {@link io.github.reloadloop.core.redefine.Applier} defines new classes, redefines loaded ones (each patch
 * fitted to its class as other agents instrumented it at load time) and writes the overlay. Also the agent
 * that provides the JVM's instrumentation.
 *
 * <p>Internal, do not use: apart from the agent entry point {@code ReloadAgent}, these types may change in
 * any release.
 */
package io.github.reloadloop.core.redefine;
