/**
 * Structural changes in place on a standard JVM: a class whose new version adds, removes or changes only
 * private members (methods, lambdas, static and instance fields) keeps its shape and is redefined, while what
 * it gained lives in companion classes defined into its own package. Pure planning ({@link
 * io.github.reloadloop.core.internal.inplace.InPlaceEngine}) apart from the runtime that defines companions and links
 * their call sites ({@link io.github.reloadloop.core.internal.inplace.InPlace}). Internal: not an API.
 */
package io.github.reloadloop.core.internal.inplace;
