package io.github.reloadloop.core;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AutoReloader#expectEdits}: the classes a fix is likely to touch are read ahead of their first
 * reload, without changing them; those that cannot be read are named in the status with the reason, and
 * never retransformed.
 */
@Timeout(60)
class ExpectEditsTests {

  @TempDir
  Path directory;

  private static final String GREETER = """
      package fixture;
      import java.util.function.Supplier;
      public class Greeter {
        interface Hidden { String say(); }
        public String greet(String name) { return "hello " + name + VERSION; }
        public Supplier<String> later() { return () -> "later"; }
        public static Object proxy() {
          return java.lang.reflect.Proxy.newProxyInstance(Greeter.class.getClassLoader(), new Class<?>[] {Hidden.class},
              (self, method, args) -> "proxied");
        }
      }
      """;

  @Test
  void loadedClass_prepared_namedInStatus_andItsFirstReloadRedefinesIt() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("fixture/Greeter.java", GREETER.replace("VERSION", "\"!\""));
      project.build(CompilerKind.JAVAC);
      Object greeter = project.load("fixture.Greeter").getConstructor().newInstance();
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).start()) {
        reloader.expectEdits(List.of("fixture.Greeter", "java.lang.String", "org.example.NotOfTheProject"));
        Await.until(() -> "prepared: " + reloader.status(), () -> !reloader.status().prepared().isEmpty());

        assertThat(reloader.status().prepared()).containsExactly("fixture.Greeter");
        assertThat(reloader.status().notPrepared()).as("classes not of the project are not named").isEmpty();
        project.write("fixture/Greeter.java", GREETER.replace("VERSION", "\"?\""));
        assertThat(reloader.awaitPendingReloads(Duration.ofSeconds(30))).isTrue();
        assertThat(events.refused).isEmpty();
        assertThat(call(greeter, "greet", "ann")).isEqualTo("hello ann?");
      }
    }
  }

  @Test
  void proxyAndHiddenClassOfTheProject_notPrepared_statusSaysWhy() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("fixture/Greeter.java", GREETER.replace("VERSION", "\"!\""));
      project.build(CompilerKind.JAVAC);
      Class<?> greeter = project.load("fixture.Greeter");
      Class<?> proxy = call(greeter, "proxy").getClass();
      @SuppressWarnings("unchecked")
      Class<?> lambda = ((Supplier<String>) call(greeter.getConstructor().newInstance(), "later")).getClass();
      assertThat(Proxy.isProxyClass(proxy)).isTrue();
      assertThat(proxy.getPackageName()).as("a proxy of a package-private interface").isEqualTo("fixture");
      assertThat(lambda.isHidden()).isTrue();

      try (AutoReloader reloader = project.reloader(new RecordingListener()).start()) {
        reloader.expectEdits(List.of(proxy.getName(), lambda.getName()));

        assertThat(reloader.status().notPrepared()).containsOnly(
            org.assertj.core.api.Assertions.entry(proxy.getName(), "no class file: generated at run time"),
            org.assertj.core.api.Assertions.entry(lambda.getName(), "a hidden class: the JVM cannot retransform it"));
        assertThat(reloader.status().prepared()).isEmpty();
      }
    }
  }
}
