package io.github.reloadloop.core.agents;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.FixtureCompiler;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs in a JVM started with JaCoCo's agent by {@link OtherAgentsTests}: builds a small project for the
 * release given as first argument, loads it (JaCoCo instruments it), saves a body-only fix of a class and
 * of an interface, and prints what happened, one {@code key: value} line each, for the test to check.
 */
public final class UnderJacocoMain {

  static final String COUNTER = """
      package fixture;
      import java.util.function.IntSupplier;
      public class Counter implements Shape {
        private int count;
        public int next() {
          IntSupplier step = () -> STEP;
          count += step.getAsInt();
          return count;
        }
        public String name() { return "counter"; }
        static final int STEP = 1;
      }
      """;

  static final String SHAPE = """
      package fixture;
      public interface Shape {
        String name();
        default String describe() { return "shape VERSION " + name(); }
      }
      """;

  private UnderJacocoMain() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    String release = args[1];
    try (SampleProject project = new SampleProject(directory)) {
      project.write("fixture/Counter.java", COUNTER.replace("STEP;", "STEP * 10;"));
      project.write("fixture/Shape.java", SHAPE.replace("VERSION", "1"));
      FixtureCompiler.compileTree(CompilerKind.JAVAC, project.root, project.out, release);
      Class<?> counter = project.load("fixture.Counter");
      Object instance = counter.getConstructor().newInstance();
      print("jacoco members", jacocoMembers(counter) + " " + jacocoMembers(project.load("fixture.Shape")));
      print("before", SampleProject.call(instance, "next") + " " + describe(instance));
      RecordingListener events = new RecordingListener();
      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("fixture/Counter.java", COUNTER);
        project.write("fixture/Shape.java", SHAPE.replace("VERSION", "2"));
        if (!reloader.awaitPendingReloads(Duration.ofSeconds(60))) {
          throw new AssertionError("the reload did not end within 60 s: " + events);
        }
        print("redefined", events.redefined.stream().sorted().toList());
        print("refused", events.refused);
        print("problems", events.problems);
        print("same class", project.load("fixture.Counter") == counter);
        print("after", SampleProject.call(instance, "next") + " " + describe(instance));
        // A second fix of the same class: the carried members are known from the first one.
        project.write("fixture/Counter.java", COUNTER.replace("STEP;", "STEP * 100;"));
        if (!reloader.awaitPendingReloads(Duration.ofSeconds(60))) {
          throw new AssertionError("the second reload did not end within 60 s: " + events);
        }
        print("refused again", events.refused);
        print("after again", SampleProject.call(instance, "next"));
      }
    }
  }

  private static Object describe(Object shape) throws ReflectiveOperationException {
    return shape.getClass().getMethod("describe").invoke(shape);
  }

  private static List<String> jacocoMembers(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods()).map(Method::getName)
        .filter(n -> n.startsWith("$jacoco")).sorted().toList();
  }

  private static void print(String key, Object value) {
    System.out.println(key + ": " + value);
  }
}
