/**
 * The reloader's own class directories ({@link Overlay}): the apply stage writes every patched or new class
 * file there, never into the build's class directories; the compile stage reads them before the build's,
 * and fresh class loaders search them first.
 *
 * <p>Internal, do not use: public only for the stages that use it; these types may change in any release.
 */
package io.github.reloadloop.core.internal.overlay;
