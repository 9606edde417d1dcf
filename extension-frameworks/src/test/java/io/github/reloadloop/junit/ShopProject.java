package io.github.reloadloop.junit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The Spring shop of the end-to-end tests ({@code e2e/src/test/fixtures/spring-shop}): a Spring Boot application with JPA on H2, MVC and Security, tests of
 * each kind, and one bug that makes them all fail ({@code Pricing.goldPrice} takes 1 % off instead of 10 %).
 * Copied into a {@link TempProject} and compiled there, so that each test fixes its own copy. Each copy gets
 * a package of its own ({@code shop1}, {@code shop2}, ...): Spring keeps static caches keyed by class and
 * package names (Boot's {@code AnnotatedClassFinder}, the test context cache), which would otherwise hand a
 * later kit run the classes of an earlier one, whose class loader is gone.
 */
final class ShopProject {

  private static final AtomicInteger COPIES = new AtomicInteger();

  /** Where the fixture is: the system property {@code shop.fixture}, which the module's pom sets. */
  static final Path FIXTURE = Path.of(System.getProperty("shop.fixture", "../e2e/src/test/fixtures/spring-shop"));
  /** Kit runs happen inside this build, whose output Spring's banner and INFO lines would flood. */
  private static final String QUIET = "spring.main.banner-mode=off\nlogging.level.root=warn\n";
  static final String BUG = "return cents - cents / 100;";
  static final String FIX = "return cents - cents / 10;";
  /** The same fix through a new method: a change of the class's shape, which the JVM refuses to redefine. */
  static final String FIX_WITH_NEW_METHOD = "return cents - tenth(cents);\n  }\n\n"
      + "  static long tenth(long cents) {\n    return cents / 10;";

  final TempProject project;
  final String packageName;
  final Path pricing;

  private ShopProject(TempProject project, String packageName) {
    this.project = project;
    this.packageName = packageName;
    this.pricing = project.main.resolve(packageName + "/Pricing.java");
  }

  static ShopProject copyInto(Path directory) throws IOException {
    TempProject project = new TempProject(directory);
    String packageName = "shop" + COPIES.incrementAndGet();
    copySources(FIXTURE.resolve("src/main/java/shop"), project.main.resolve(packageName), packageName);
    copySources(FIXTURE.resolve("src/test/java/shop"), project.test.resolve(packageName), packageName);
    Files.writeString(project.classes.resolve("application.properties"),
        Files.readString(FIXTURE.resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8) + QUIET,
        StandardCharsets.UTF_8);
    project.compile(List.of("-parameters")); // As Spring Boot's parent POM compiles.
    return new ShopProject(project, packageName);
  }

  /** The fully qualified name of a fixture class. */
  String name(String simpleName) {
    return packageName + "." + simpleName;
  }

  /** A console that saves {@code fix} in place of the bug, the way an editor does, then types continue. */
  static ScriptedConsole fixingWith(ShopProject shop, String fix) {
    return new ScriptedConsole().then(() -> {
      TempProject.edit(shop.pricing, BUG, fix);
      return "continue";
    });
  }

  /**
   * Runs fixture test classes (simple names), in the order of their names, as {@code mvn test
   * -Dreload.loop=true} would: ReloadLoop auto-detected.
   */
  EngineExecutionResults run(ScriptedConsole console, String... testClasses) throws Exception {
    return project.run(Stream.of(testClasses).map(this::name).toList(), console,
        "junit.jupiter.extensions.autodetection.enabled", "true",
        "junit.jupiter.extensions.autodetection.include", ReloadLoop.class.getName(),
        "junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$ClassName");
  }

  /** The static list {@code Seen.CONTEXTS} as the fixture's tests filled it. */
  @SuppressWarnings("unchecked")
  List<Object> contextsSeen() throws ReflectiveOperationException {
    return (List<Object>) project.staticField(name("Seen"), "CONTEXTS");
  }

  /** Copies the fixture's sources of package {@code shop} into package {@code packageName}. */
  private static void copySources(Path from, Path to, String packageName) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(to.resolve(file.getFileName()),
            source.replaceFirst("(?m)^package shop;", "package " + packageName + ";"), StandardCharsets.UTF_8);
      }
    }
  }
}
