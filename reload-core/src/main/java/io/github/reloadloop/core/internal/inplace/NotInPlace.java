package io.github.reloadloop.core.internal.inplace;

/** A change that cannot be made in place, with why in plain words; the class takes the fallback. */
final class NotInPlace extends RuntimeException {

  private final boolean visible;

  /** A change that other classes could see, or that the mechanism cannot express. */
  NotInPlace(String reason, boolean visible) {
    super(reason, null, false, false);
    this.visible = visible;
  }

  NotInPlace(String reason) {
    this(reason, false);
  }

  /** Whether the reason is a change that other classes or reflection can see (said already by the shape). */
  boolean visible() {
    return visible;
  }
}
