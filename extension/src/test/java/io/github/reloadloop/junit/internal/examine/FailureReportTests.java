package io.github.reloadloop.junit.internal.examine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureReportTests {

  @TempDir Path root;

  @Test
  void failureInUserCode_showsFirstUserFrameWithNumberedSource() throws Exception {
    Path source = Files.createDirectories(root.resolve("shop")).resolve("Cart.java");
    Files.writeString(source, String.join("\n", "package shop;", "class Cart {", "  int total() {",
        "    return 1 / 0;", "  }", "}", ""));
    ArithmeticException failure = new ArithmeticException("/ by zero");
    failure.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("java.lang.Math", "div", "Math.java", 10),
        new StackTraceElement("shop.Cart", "total", "Cart.java", 4),
        new StackTraceElement("shop.CartTest", "totals", "CartTest.java", 9)});

    List<String> lines = FailureReport.describe(failure, List.of(root));

    assertThat(lines).containsExactly(
        "  java.lang.ArithmeticException: / by zero",
        "  at shop.Cart.total(Cart.java:4)",
        "    2 | class Cart {",
        "    3 |   int total() {",
        "  > 4 |     return 1 / 0;",
        "    5 |   }",
        "    6 | }");
  }

  @Test
  void noFrameInUserCode_showsTheTopFrameAndTheCause() {
    IllegalStateException failure = new IllegalStateException("outer", new RuntimeException("inner"));
    failure.setStackTrace(new StackTraceElement[] {new StackTraceElement("lib.Thing", "go", "Thing.java", 3)});

    assertThat(FailureReport.describe(failure, List.of(root)))
        .containsExactly("  java.lang.IllegalStateException: outer", "  at lib.Thing.go(Thing.java:3)",
            "  caused by java.lang.RuntimeException: inner");
  }

  /** A Spring context that will not start wraps the bean's own exception: its message is what says why. */
  @Test
  void deepCauses_theRootCauseToo() {
    NumberFormatException bug = new NumberFormatException("For input string: \"1O0\"");
    IllegalStateException failure = new IllegalStateException("Failed to load ApplicationContext",
        new RuntimeException("Error creating bean", new RuntimeException("Constructor threw exception", bug)));
    failure.setStackTrace(new StackTraceElement[0]);

    assertThat(FailureReport.describe(failure, List.of(root)))
        .containsExactly("  java.lang.IllegalStateException: Failed to load ApplicationContext",
            "  caused by java.lang.RuntimeException: Error creating bean",
            "  root cause java.lang.NumberFormatException: For input string: \"1O0\"");
  }

  @Test
  void longMessage_cutAfterTwelveLines() {
    AssertionError failure = new AssertionError("line\n".repeat(30));
    failure.setStackTrace(new StackTraceElement[0]);

    assertThat(FailureReport.describe(failure, List.of(root))).hasSize(13).last().asString().contains("more lines");
  }
}
