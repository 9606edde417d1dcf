/**
 * Which project modules the JVM runs and where their sources are: {@link
 * io.github.reloadloop.core.project.ProjectModules} maps class directories and jars on the class path to the
 * Maven or Gradle modules of the same checkout, which give the default source roots; {@link
 * io.github.reloadloop.core.project.OutsideRoots} says which source root a save outside the watched ones
 * belongs to.
 *
 * <p>Internal, do not use: these types may change in any release.
 */
package io.github.reloadloop.core.project;
