package io.github.reloadloop.core.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.support.FixtureCompiler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerKindTests {

  private static final String LAMBDAS = """
      package fp;
      import java.util.function.Supplier;
      public class Lambdas {
        Supplier<String> greet(String name) { return () -> "hello " + name; }
        Runnable nothing() { return () -> {}; }
      }
      """;

  private static final String ENUM_SWITCH = """
      package fp;
      import java.time.DayOfWeek;
      public class Switches {
        int weekend(DayOfWeek day) {
          switch (day) {
            case SATURDAY: case SUNDAY: return 1;
            default: return 0;
          }
        }
      }
      """;

  private static final String PLAIN = "package fp; public class Plain { int x() { return 1; } }";

  @TempDir
  Path work;

  @Test
  void javacLambdas_fingerprint_javac() {
    byte[] bytes = FixtureCompiler.classBytes(CompilerKind.JAVAC, work, "fp.Lambdas", LAMBDAS);

    assertThat(CompilerKind.fingerprint(bytes)).contains(CompilerKind.JAVAC);
  }

  @Test
  void ecjLambdas_fingerprint_ecj() {
    byte[] bytes = FixtureCompiler.classBytes(CompilerKind.ECJ, work, "fp.Lambdas", LAMBDAS);

    assertThat(CompilerKind.fingerprint(bytes)).contains(CompilerKind.ECJ);
  }

  @Test
  void javacEnumSwitch_fingerprint_javac() {
    byte[] bytes = FixtureCompiler.classBytes(CompilerKind.JAVAC, work, "fp.Switches", ENUM_SWITCH);

    assertThat(CompilerKind.fingerprint(bytes)).contains(CompilerKind.JAVAC);
  }

  @Test
  void ecjEnumSwitch_fingerprint_ecj() {
    byte[] bytes = FixtureCompiler.classBytes(CompilerKind.ECJ, work, "fp.Switches", ENUM_SWITCH);

    assertThat(CompilerKind.fingerprint(bytes)).contains(CompilerKind.ECJ);
  }

  @Test
  void plainClassFromEither_fingerprint_empty() {
    assertThat(CompilerKind.fingerprint(FixtureCompiler.classBytes(CompilerKind.JAVAC, work, "fp.Plain", PLAIN)))
        .isEmpty();
    assertThat(CompilerKind.fingerprint(FixtureCompiler.classBytes(CompilerKind.ECJ, work, "fp.Plain", PLAIN)))
        .isEmpty();
  }

  @Test
  void ecjClassWithNestedClassesAndLambda_fingerprint_stillEcj() {
    String source = """
        package fp;
        public class Mixed {
          static class Inner$1 {}
          Runnable r() { return () -> new Object() {}.hashCode(); }
        }
        """;

    byte[] bytes = FixtureCompiler.classBytes(CompilerKind.ECJ, work, "fp.Mixed", source);

    assertThat(CompilerKind.fingerprint(bytes)).contains(CompilerKind.ECJ);
  }

  @Test
  void eachKind_other_isTheOtherOne() {
    assertThat(CompilerKind.JAVAC.other()).isEqualTo(CompilerKind.ECJ);
    assertThat(CompilerKind.ECJ.other()).isEqualTo(CompilerKind.JAVAC);
  }
}
