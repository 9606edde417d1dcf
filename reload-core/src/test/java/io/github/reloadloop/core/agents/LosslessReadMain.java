package io.github.reloadloop.core.agents;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.api.ReloadStatus;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.Await;
import io.github.reloadloop.core.support.FixtureCompiler;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.ReflectionSnapshot;
import io.github.reloadloop.core.support.SampleProject;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs in a JVM started by {@link LosslessReadTests}, with JaCoCo's agent instrumenting the package
 * {@code covered} and not {@code plain}: builds the same classes in both packages with {@code -parameters}
 * (a controller-like class with annotated, generic and named parameters, an inner class, a record, an enum,
 * a sealed hierarchy, annotations), loads them, and takes a reflection snapshot of each. Then it prepares them
 * all for editing as the loop does near a failure ({@link AutoReloader#expectEdits}), patches a neighbour, and
 * patches the classes themselves (body-only edits), and after each step compares the snapshot with the first
 * one. Prints {@code key: value} lines for the test to check.
 */
public final class LosslessReadMain {

  static final String PACKAGES = "covered plain";

  private static final Map<String, String> SOURCES = Map.of(
      "Route", """
          package PKG;
          import java.lang.annotation.*;
          @Retention(RetentionPolicy.RUNTIME) @Target({ElementType.METHOD, ElementType.TYPE})
          public @interface Route { String value(); String[] methods() default {"GET"}; }
          """,
      "Named", """
          package PKG;
          import java.lang.annotation.*;
          @Retention(RetentionPolicy.RUNTIME)
          @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
              ElementType.METHOD})
          public @interface Named { String value() default ""; }
          """,
      "Build", """
          package PKG;
          import java.lang.annotation.*;
          @Retention(RetentionPolicy.CLASS) public @interface Build {}
          """,
      "Handler", """
          package PKG;
          import java.util.*;
          import java.util.function.Function;
          @Route("/orders") @Build
          public class Handler<T extends Comparable<T>> implements Function<String, List<T>> {
            private final Pricing pricing;
            @Named("cache") private final Map<@Named String, List<? extends Number>> cache = new HashMap<>();
            public Handler(@Named("pricing") Pricing pricing, final int capacity) { this.pricing = pricing; }
            @Route(value = "/{id}/total", methods = {"GET", "HEAD"}) @Build
            public String total(@Named("id") int id, int quantity, final String currency) throws java.io.IOException {
              return pricing.total(id, quantity) + " " + currency;
            }
            public <R> R convert(List<? super T> items, Function<T, R> how) { return null; }
            @Override public List<T> apply(String query) { return List.of(); }
            public static int twice(int value) { return value * FACTOR; }
            public Runnable later(int times) { return () -> cache.put("x" + times, List.of()); }
            public class Inner { public int depth(@Named int levels) { return levels; } }
            public static void fail() {
              throw new IllegalStateException("at line 19 of Handler.java, FACTOR");
            }
          }
          """,
      "Money", """
          package PKG;
          public record Money(@Named("amount") long cents, @Named String currency) implements Comparable<Money> {
            public Money {
              if (cents < 0) throw new IllegalArgumentException("negative: " + cents);
            }
            @Override public int compareTo(Money other) { return Long.compare(cents, other.cents); }
          }
          """,
      "Tier", """
          package PKG;
          public enum Tier {
            GOLD(10), SILVER(5);
            private final int percent;
            Tier(int percent) { this.percent = percent; }
            public long discount(long cents) { return cents * percent / DIVISOR; }
          }
          """,
      "Shape", """
          package PKG;
          public sealed interface Shape permits Shape.Circle, Shape.Square {
            double area();
            record Circle(@Named double radius) implements Shape { public double area() { return 3 * radius * radius; } }
            final class Square implements Shape {
              private final double side;
              public Square(double side) { this.side = side; }
              public double area() { return side * side; }
            }
          }
          """,
      "Pricing", """
          package PKG;
          public class Pricing { public long total(int id, int quantity) { return (long) id * quantity * PRICE; } }
          """);

  private static final List<String> SNAPSHOTTED = List.of("Route", "Named", "Build", "Handler", "Handler$Inner",
      "Money", "Tier", "Shape", "Shape$Circle", "Shape$Square", "Pricing");

  private LosslessReadMain() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    try (SampleProject project = new SampleProject(directory)) {
      for (String pkg : PACKAGES.split(" ")) {
        write(project, pkg, "FACTOR", "2", "DIVISOR", "100", "PRICE", "100");
      }
      FixtureCompiler.compileTree(CompilerKind.JAVAC, project.root, project.out, FixtureCompiler.RELEASE,
          List.of("-parameters"));
      List<Class<?>> classes = new ArrayList<>();
      for (String pkg : PACKAGES.split(" ")) {
        SNAPSHOTTED.forEach(name -> classes.add(project.load(pkg + "." + name)));
      }
      print("jacoco", Stream.of(PACKAGES.split(" ")).map(pkg -> pkg + "=" + jacocoMembers(project.load(pkg + ".Handler")))
          .toList());
      String before = ReflectionSnapshot.of(classes);
      print("named parameters before", before.contains("parameter final capacity (named)"));
      RecordingListener events = new RecordingListener();
      try (AutoReloader reloader = project.reloader(events).start()) {
        reloader.expectEdits(classes.stream().map(Class::getName).toList());
        Await.until(() -> "every class prepared or named as not prepared: " + reloader.status().prepared()
            + " " + reloader.status().notPrepared(),
            () -> reloader.status().prepared().size() + reloader.status().notPrepared().size() == classes.size());
        ReloadStatus status = reloader.status();
        print("not prepared", status.notPrepared());
        compare("after preparing", before, ReflectionSnapshot.of(classes));

        for (String pkg : PACKAGES.split(" ")) {
          write(project, pkg, "FACTOR", "2", "DIVISOR", "100", "PRICE", "1000");
        }
        await(reloader, events);
        compare("after a neighbour's patch", before, ReflectionSnapshot.of(classes));

        for (String pkg : PACKAGES.split(" ")) {
          write(project, pkg, "FACTOR", "3", "DIVISOR", "50", "PRICE", "1000");
        }
        await(reloader, events);
        compare("after patching them", before, ReflectionSnapshot.of(classes));
        print("redefined", events.redefined.stream().distinct().sorted().toList());
        print("refused", events.refused);
        print("problems", events.problems);
        List<String> behaviour = new ArrayList<>();
        for (String pkg : PACKAGES.split(" ")) {
          Object pricing = project.load(pkg + ".Pricing").getConstructor().newInstance();
          behaviour.add(SampleProject.call(project.load(pkg + ".Handler"), "twice", 7) + ","
              + SampleProject.call(pricing, "total", 2, 3));
        }
        print("behaviour", behaviour);
        for (String pkg : PACKAGES.split(" ")) {
          try {
            SampleProject.call(project.load(pkg + ".Handler"), "fail");
          } catch (AssertionError e) {
            StackTraceElement top = e.getCause().getCause().getStackTrace()[0];
            print("stack top " + pkg, top.getFileName() + ":" + top.getLineNumber() + " " + top.getMethodName()
                + " " + e.getCause().getCause().getMessage());
          }
        }
      }
    }
  }

  private static void write(SampleProject project, String pkg, String... replacements) {
    SOURCES.forEach((name, source) -> {
      String text = source.replace("PKG", pkg);
      for (int i = 0; i < replacements.length; i += 2) {
        text = text.replace(replacements[i], replacements[i + 1]);
      }
      Path file = project.file(pkg + "/" + name + ".java");
      try {
        if (!java.nio.file.Files.exists(file) || !java.nio.file.Files.readString(file).equals(text)) {
          project.write(pkg + "/" + name + ".java", text);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static void await(AutoReloader reloader, RecordingListener events) throws InterruptedException {
    if (!reloader.awaitPendingReloads(Duration.ofSeconds(60))) {
      throw new AssertionError("the reload did not end within 60 s: " + events);
    }
  }

  private static void compare(String step, String before, String after) {
    if (before.equals(after)) {
      print(step, "same");
      return;
    }
    List<String> was = before.lines().toList();
    List<String> is = after.lines().toList();
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < Math.max(was.size(), is.size()); i++) {
      String a = i < was.size() ? was.get(i) : "";
      String b = i < is.size() ? is.get(i) : "";
      if (!a.equals(b)) {
        differences.add("- " + a + "\n+ " + b);
      }
    }
    print(step, "DIFFERENT\n" + String.join("\n", differences));
  }

  private static List<String> jacocoMembers(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods()).map(Method::getName)
        .filter(n -> n.startsWith("$jacoco")).sorted().toList();
  }

  private static void print(String key, Object value) {
    System.out.println(key + ": " + value);
  }
}
