/** Class shapes, their comparison, the agent and the redefinition of loaded classes. */
package io.github.reloadloop.core.redefine;
