/**
 * Reading class files: their shape (members, hierarchy, nest attributes) and the comparison of two shapes
 * the way the JVM's redefinition checks them. Pure functions of class file bytes, used by the compile stage
 * (which classes a patch affects) and the redefinition stages (what the running JVM would refuse).
 *
 * <p>Internal, do not use: public only for the stages that use it; these types may change in any release.
 */
package io.github.reloadloop.core.internal.classfile;
