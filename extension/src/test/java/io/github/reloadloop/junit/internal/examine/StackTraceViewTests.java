package io.github.reloadloop.junit.internal.examine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTraceViewTests {

  @TempDir Path module;

  private static StackTraceElement frame(String className, String method, String file, int line) {
    return new StackTraceElement(className, method, file, line);
  }

  @Test
  void usersFramesMarked_libraryRunsFolded_causeAndSuppressedIncluded() throws Exception {
    Path root = Files.createDirectories(module.resolve("src/test/java"));
    Files.createDirectories(root.resolve("shop"));
    Files.writeString(root.resolve("shop/LedgerTest.java"), "class LedgerTest {}");
    StackTraceElement user = frame("shop.LedgerTest", "balance", "LedgerTest.java", 24);
    StackTraceElement assertion = frame("org.junit.jupiter.api.AssertionUtils", "fail", "AssertionUtils.java", 38);
    StackTraceElement reflection = frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2);
    StackTraceElement engine = frame("org.junit.platform.engine.Node", "execute", "Node.java", 12);
    AssertionError failure = new AssertionError("expected: <15> but was: <16>");
    failure.setStackTrace(new StackTraceElement[] {assertion, assertion, user, reflection, engine, engine});
    IllegalStateException cause = new IllegalStateException("closed\nsecond line");
    cause.setStackTrace(new StackTraceElement[] {frame("java.util.Objects", "check", "Objects.java", 3), user,
        reflection, engine, engine});
    failure.initCause(cause);
    RuntimeException suppressed = new RuntimeException("cleanup failed");
    suppressed.setStackTrace(new StackTraceElement[] {user});
    failure.addSuppressed(suppressed);

    List<String> lines = StackTraceView.render(failure, List.of(root), module);

    assertThat(lines).containsExactly(
        "java.lang.AssertionError: expected: <15> but was: <16>",
        "    ... 2 frames in org.junit",
        "  > shop.LedgerTest.balance  src/test/java/shop/LedgerTest.java:24",
        "    ... 3 frames in jdk.internal, org.junit",
        "  Suppressed: java.lang.RuntimeException: cleanup failed",
        "    > shop.LedgerTest.balance  src/test/java/shop/LedgerTest.java:24",
        "Caused by: java.lang.IllegalStateException: closed",
        "    second line",
        "    ... 1 frame in java.util",
        "    ... 4 more, as above");
  }

  @Test
  void noUserFrames_everythingFolded() {
    RuntimeException failure = new RuntimeException("boom");
    failure.setStackTrace(new StackTraceElement[] {frame("java.lang.Thread", "run", "Thread.java", 1)});

    assertThat(StackTraceView.render(failure, List.of(), module))
        .containsExactly("java.lang.RuntimeException: boom", "    ... 1 frame in java.lang");
  }
}
