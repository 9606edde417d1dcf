package io.github.reloadloop.junit.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikelyEditedTests {

  private static Throwable thrownAt(String message, Throwable cause, String... classes) {
    // Without a cause the cause stays unset, so that a test can set one and make a cycle.
    Throwable failure = cause == null ? new AssertionError((Object) message) : new AssertionError(message, cause);
    StackTraceElement[] frames = new StackTraceElement[classes.length];
    for (int i = 0; i < classes.length; i++) {
      frames[i] = new StackTraceElement(classes[i], "m", classes[i] + ".java", i + 1);
    }
    failure.setStackTrace(frames);
    return failure;
  }

  @Test
  void failureWithCauseAndSuppressed_likelyEdited_testClassThenEveryFrameOnce() {
    Throwable cause = thrownAt("cause", null, "shop.Tax", "shop.Basket");
    Throwable failure = thrownAt("expected 10", cause, "org.junit.Assert", "shop.Basket", "shop.BasketTest");
    failure.addSuppressed(thrownAt("cleanup", null, "shop.Fixture$1"));

    assertThat(FailureLoop.likelyEdited(failure, "shop.BasketTest")).containsExactly("shop.BasketTest",
        "org.junit.Assert", "shop.Basket", "shop.Tax", "shop.Fixture$1");
  }

  @Test
  void causeCycle_likelyEdited_ends() {
    Throwable first = thrownAt("first", null, "a.First");
    Throwable second = thrownAt("second", first, "b.Second");
    first.initCause(second);

    assertThat(FailureLoop.likelyEdited(second, "t.Test")).containsExactly("t.Test", "b.Second", "a.First");
  }
}
