package io.github.reloadloop.junit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An auto-detectable extension other than the loop, for {@link NoAnnotationTests}: it says on standard
 * output that it ran. The tests list it in a {@code META-INF/services} file of their own, so that it is
 * auto-detectable only in the JVMs they start.
 */
public final class MarkingExtension implements BeforeEachCallback {

  static final String MARK = "MarkingExtension ran before ";

  @Override
  public void beforeEach(ExtensionContext context) {
    System.out.println(MARK + context.getDisplayName());
  }
}
