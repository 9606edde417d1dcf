/**
 * The project around the running JVM: which modules it runs and where their sources are
 * ({@link ProjectModules} maps class directories and jars on the class path to the Maven or Gradle modules of
 * the same checkout, which give the default source roots; {@link OutsideRoots} says which source root a save
 * outside the watched ones belongs to), where each source root's classes live ({@link ProjectLayout},
 * {@link ClassLocation}), the running JVM's class path ({@link Classpath}) and how paths are shown
 * ({@link WorkingDirectory}). Read by every stage; depends on none.
 *
 * <p>Internal, do not use: public only for the stages that use it ({@code Classpath} also for the reload-loop
 * extension); these types may change in any release.
 */
package io.github.reloadloop.core.internal.project;
