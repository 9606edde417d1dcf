/**
 * The project around the running JVM: which modules it runs and where their sources are ({@link
 * io.github.reloadloop.core.project.ProjectModules} maps class directories and jars on the class path to the
 * Maven or Gradle modules of the same checkout, which give the default source roots; {@link
 * io.github.reloadloop.core.project.OutsideRoots} says which source root a save outside the watched ones
 * belongs to), where each source root's classes live ({@link io.github.reloadloop.core.project.ProjectLayout},
 * {@link io.github.reloadloop.core.project.ClassLocation}), the running JVM's class path ({@link
 * io.github.reloadloop.core.project.Classpath}) and how paths are shown ({@link
 * io.github.reloadloop.core.project.WorkingDirectory}). Read by every stage; depends on none.
 *
 * <p>Internal, do not use: these types may change in any release.
 */
package io.github.reloadloop.core.project;
