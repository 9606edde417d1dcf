package io.github.reloadloop.core.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.project.Classpath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CompilersTests {

  @Test
  void saveWhileTheSavesCompilerWarmsUp_getsTheSecond_whichThenCompilesTheSaves() throws Exception {
    try (Compilers compilers = new Compilers(Classpath.ofRunningJvm(), StandardCharsets.UTF_8, List.of(), null,
        null)) {
      SourceCompiler first = compilers.get(CompilerKind.JAVAC);
      assertThat(compilers.forSave(CompilerKind.JAVAC)).as("nothing warms up").isSameAs(first);
      CountDownLatch inCompile = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // Checked between rounds and, through javac's task events, inside the compile: held there.
      BooleanSupplier holdInsideTheCompile = () -> {
        if (inCompile.getCount() > 0 && calledFromACompile()) {
          inCompile.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return false;
      };
      Thread warmUp = new Thread(() -> first.warmUp(new CompileSettings(17, false, false), 1, List.of(),
          holdInsideTheCompile), "warm-up");
      warmUp.start();
      try {
        assertThat(inCompile.await(30, TimeUnit.SECONDS)).as("the warm-up's compile is held").isTrue();

        SourceCompiler forSave = compilers.forSave(CompilerKind.JAVAC);

        assertThat(forSave).as("the compiler the warm-up does not hold").isNotSameAs(first);
        assertThat(compilers.get(CompilerKind.JAVAC)).as("the compiler of the saves from now on").isSameAs(forSave);
        assertThat(compilers.warmUp(CompilerKind.JAVAC)).as("the warm-up's from now on").isSameAs(first);
        assertThat(compilers.forSave(CompilerKind.JAVAC)).as("the next save, while the warm-up still holds the other")
            .isSameAs(forSave);
      } finally {
        release.countDown();
        warmUp.join(30_000);
      }
      assertThat(compilers.forSave(CompilerKind.JAVAC)).as("after the warm-up")
          .isSameAs(compilers.get(CompilerKind.JAVAC));
    }
  }

  private static boolean calledFromACompile() {
    for (StackTraceElement frame : new Throwable().getStackTrace()) {
      if (frame.getClassName().startsWith("com.sun.tools.javac.")) {
        return true;
      }
    }
    return false;
  }
}
