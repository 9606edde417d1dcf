package io.github.reloadloop.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A small generated Maven project for the fix-to-green, restart-cycle and overhead benchmarks: a class
 * under test ({@code bench.shop.Basket}, with lambdas) whose {@code total()} has a bug or not, its test
 * class with a {@code @BeforeEach} ({@link #TEST_CLASS}), and {@value #OTHER_CLASSES} other passing
 * classes with their tests, {@value #TESTS} tests in all. With a {@code pom.xml} like sample-project's
 * (test dependencies reload-loop and junit-jupiter), it builds offline with {@code mvn -o} once the root
 * build is installed.
 */
final class ShopProject {

  static final String TEST_CLASS = "bench.shop.BasketTest";
  static final String TEST_METHOD = "totalSumsEveryItem";
  static final String TEST_ID = "[engine:junit-jupiter]/[class:" + TEST_CLASS + "]/[method:" + TEST_METHOD + "()]";
  /** The test that fails while the bug is in: for {@code mvn test -Dtest=...}. */
  static final String SUREFIRE_TEST = "BasketTest#" + TEST_METHOD;

  static final int OTHER_CLASSES = 6;
  private static final int TESTS_PER_OTHER_CLASS = 6;
  private static final int BASKET_TESTS = 4;
  static final int TESTS = BASKET_TESTS + OTHER_CLASSES * TESTS_PER_OTHER_CLASS;

  // Plugin versions of the root build (pom.xml), so that everything is in ~/.m2 after its install.
  static final String COMPILER_PLUGIN = "3.14.1";
  static final String SUREFIRE_PLUGIN = "3.5.4";
  private static final String RESOURCES_PLUGIN = "3.3.1";

  /** The two versions of {@code Basket.total()}'s body: same members, same lambdas, only the body differs. */
  private static final String BUG = "return items.values().stream().mapToInt(i -> i).sum() - items.size();";
  private static final String FIX = "return items.values().stream().mapToInt(i -> i).sum();";

  final Path directory;
  final Path main;
  final Path test;
  final Path classes;
  final Path testClasses;

  private ShopProject(Path directory) {
    this.directory = directory;
    this.main = directory.resolve("src/main/java");
    this.test = directory.resolve("src/test/java");
    this.classes = directory.resolve("target/classes");
    this.testClasses = directory.resolve("target/test-classes");
  }

  /** Writes a fresh project into {@code directory} (emptied first), with or without the bug. */
  static ShopProject create(Path directory, boolean buggy) throws IOException {
    return create(directory, buggy, 0);
  }

  /**
   * As {@link #create(Path, boolean)}, plus, when {@code idleMs > 0}, a test class {@code IdleTest} whose one
   * test sleeps that long (a suite with time on its hands, like one that waits on I/O).
   */
  static ShopProject create(Path directory, boolean buggy, int idleMs) throws IOException {
    SyntheticProject.deleteTree(directory);
    ShopProject project = new ShopProject(directory);
    Files.createDirectories(project.classes);
    Files.createDirectories(project.testClasses);
    Path pkgMain = Files.createDirectories(project.main.resolve("bench/shop"));
    Path pkgTest = Files.createDirectories(project.test.resolve("bench/shop"));
    Files.writeString(pkgMain.resolve("Basket.java"), basket(buggy));
    Files.writeString(pkgTest.resolve("BasketTest.java"), BASKET_TEST);
    for (int k = 1; k <= OTHER_CLASSES; k++) {
      Files.writeString(pkgMain.resolve("Rule" + k + ".java"), rule(k));
      Files.writeString(pkgTest.resolve("Rule" + k + "Test.java"), ruleTest(k));
    }
    if (idleMs > 0) {
      Files.writeString(pkgTest.resolve("IdleTest.java"), "package bench.shop;\n\nclass IdleTest {\n\n"
          + "  @org.junit.jupiter.api.Test\n  void waits() throws InterruptedException {\n    Thread.sleep(" + idleMs
          + ");\n  }\n}\n");
    }
    Files.writeString(directory.resolve("pom.xml"), pom());
    return project;
  }

  Path basketSource() {
    return main.resolve("bench/shop/Basket.java");
  }

  /** Saves {@code Basket.java} with or without the bug, as an editor does (temp file, then rename). */
  void saveBasket(boolean buggy) throws IOException {
    Path file = basketSource();
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp~");
    Files.writeString(temporary, basket(buggy));
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Compiles main then test sources with javac in a separate process, as Maven would ({@code -g},
   * {@code --release 17}), against this JVM's class path (which has JUnit's API).
   */
  void compileWithJavac() throws IOException, InterruptedException {
    String jvm = System.getProperty("java.class.path");
    javac(main, classes, jvm);
    javac(test, testClasses, classes + File.pathSeparator + jvm);
  }

  private static void javac(Path sources, Path output, String classpath) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
        "-d", output.toString(), "-cp", classpath, "-g", "--release", "17", "-proc:none", "-encoding", "UTF-8"));
    try (Stream<Path> tree = Files.walk(sources)) {
      tree.filter(p -> p.toString().endsWith(".java")).forEach(p -> command.add(p.toString()));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("javac failed on " + sources + ":\n" + log);
    }
  }

  /** The outcome of one {@code mvn} run. */
  record MavenRun(int exit, double ms, String output) {}

  /**
   * Runs {@code mvn} in the project directory and times it, end to end. With {@code terminal}, under a
   * pseudo-terminal ({@code script -qec ... /dev/null}), so that the loop finds {@code /dev/tty} and a
   * standard input that is not {@code /dev/null}, as in a developer's terminal.
   */
  MavenRun maven(boolean terminal, String... arguments) throws IOException, InterruptedException {
    return maven(directory, terminal, arguments);
  }

  /** {@link #maven(boolean, String...)} in any project directory. */
  static MavenRun maven(Path directory, boolean terminal, String... arguments) throws IOException, InterruptedException {
    List<String> mvn = new ArrayList<>();
    mvn.add("mvn");
    mvn.addAll(List.of(arguments));
    List<String> command = terminal
        ? List.of("script", "-qec", String.join(" ", mvn), "/dev/null")
        : mvn;
    Path log = Files.createTempFile(directory.getParent(), "mvn-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    if (!terminal) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    long start = System.nanoTime();
    Process process = builder.start();
    // With a terminal, script copies its (piped, open) standard input to the pseudo-terminal: keep it open.
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("mvn " + mvn + " did not finish in 10 minutes");
    }
    double ms = (System.nanoTime() - start) / 1e6;
    process.getOutputStream().close();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new MavenRun(process.exitValue(), ms, output);
  }

  /** Runs mvn and insists on the exit status; the output is in the exception when it differs. */
  MavenRun mavenExpecting(int exit, boolean terminal, String... arguments) throws IOException, InterruptedException {
    return mavenExpecting(directory, exit, terminal, arguments);
  }

  /** {@link #mavenExpecting(int, boolean, String...)} in any project directory. */
  static MavenRun mavenExpecting(Path directory, int exit, boolean terminal, String... arguments)
      throws IOException, InterruptedException {
    MavenRun run = maven(directory, terminal, arguments);
    if (run.exit() != exit) {
      throw new IllegalStateException("mvn " + String.join(" ", arguments) + " in " + directory + " exited with "
          + run.exit() + " (expected " + exit + "):\n" + tail(run.output(), 4000));
    }
    return run;
  }

  private static final Pattern PROPERTY = Pattern.compile("<property name=\"([^\"]*)\" value=\"([^\"]*)\"");

  /**
   * The value of a system property in the Surefire XML report of {@code testClass} (Surefire writes the
   * test JVM's system properties at the end of the class), or {@code null}.
   */
  String reportedProperty(String testClass, String name) throws IOException {
    Path report = directory.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
    if (!Files.isRegularFile(report)) {
      return null;
    }
    Matcher m = PROPERTY.matcher(Files.readString(report, StandardCharsets.UTF_8));
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    return null;
  }

  private static final Pattern SUITE_TIME = Pattern.compile("<testsuite [^>]*?time=\"([0-9.,]+)\"");

  /** The sum of the {@code time} of every test class in the Surefire XML reports, in milliseconds. */
  double reportedTestMs() throws IOException {
    double seconds = 0;
    try (Stream<Path> files = Files.list(directory.resolve("target/surefire-reports"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
        Matcher m = SUITE_TIME.matcher(Files.readString(file, StandardCharsets.UTF_8));
        if (m.find()) {
          seconds += Double.parseDouble(m.group(1).replace(",", ""));
        }
      }
    }
    return seconds * 1000;
  }

  /** Whether any Surefire report or output file mentions {@code text}. */
  boolean reportsMention(String text) throws IOException {
    Path reports = directory.resolve("target/surefire-reports");
    if (!Files.isDirectory(reports)) {
      return false;
    }
    try (Stream<Path> files = Files.list(reports)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (Files.readString(file, StandardCharsets.ISO_8859_1).contains(text)) {
          return true;
        }
      }
    }
    return false;
  }

  static String tail(String text, int chars) {
    return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
  }

  // ---------------------------------------------------------------------------------------------- sources

  static String basket(boolean buggy) {
    return """
        package bench.shop;

        import java.util.LinkedHashMap;
        import java.util.Map;
        import java.util.function.IntUnaryOperator;

        /** A basket of items with prices in cents. */
        public class Basket {

          private final Map<String, Integer> items = new LinkedHashMap<>();
          private IntUnaryOperator discount = price -> price;

          public Basket add(String name, int cents) {
            items.merge(name, cents, Integer::sum);
            return this;
          }

          public Basket withDiscount(int percent) {
            discount = price -> price * (100 - percent) / 100;
            return this;
          }

          public int size() {
            return items.size();
          }

          /** The sum of the prices, before the discount. */
          public int total() {
            BODY
          }

          public int toPay() {
            return discount.applyAsInt(total());
          }

          public String mostExpensive() {
            return items.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
          }
        }
        """.replace("BODY", buggy ? BUG : FIX);
  }

  static final String BASKET_TEST = """
      package bench.shop;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import org.junit.jupiter.api.BeforeEach;
      import org.junit.jupiter.api.Test;

      class BasketTest {

        private Basket basket;

        @BeforeEach
        void fillBasket() {
          basket = new Basket().add("bread", 250).add("cheese", 720).add("apples", 330);
        }

        @Test
        void totalSumsEveryItem() {
          assertEquals(1300, basket.total());
        }

        @Test
        void sameItemTwice_countsOnce() {
          assertEquals(3, basket.add("bread", 250).size());
        }

        @Test
        void mostExpensive_isTheCheese() {
          assertEquals("cheese", basket.mostExpensive());
        }

        @Test
        void emptyBasket_costsNothing() {
          assertEquals(0, new Basket().withDiscount(10).toPay());
        }
      }
      """;

  private static String rule(int k) {
    return String.format(Locale.ROOT, """
        package bench.shop;

        import java.util.List;
        import java.util.stream.Collectors;

        /** Generated pricing rule %1$d. */
        public class Rule%1$d {

          private final int factor = %1$d + 1;

          public int apply(int cents) {
            return cents * factor;
          }

          public List<Integer> applyAll(List<Integer> prices) {
            return prices.stream().map(this::apply).collect(Collectors.toList());
          }

          public int sum(List<Integer> prices) {
            return prices.stream().mapToInt(p -> apply(p)).sum();
          }

          public String label(int cents) {
            return cents >= 1000 ? "large" : cents >= 100 ? "medium" : "small";
          }
        }
        """, k);
  }

  private static String ruleTest(int k) {
    return String.format(Locale.ROOT, """
        package bench.shop;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import java.util.List;
        import org.junit.jupiter.api.BeforeEach;
        import org.junit.jupiter.api.Test;

        class Rule%1$dTest {

          private Rule%1$d rule;

          @BeforeEach
          void createRule() {
            rule = new Rule%1$d();
          }

          @Test
          void apply_multiplies() {
            assertEquals(10 * (%1$d + 1), rule.apply(10));
          }

          @Test
          void applyAll_keepsOrder() {
            assertEquals(List.of(%1$d + 1, 2 * (%1$d + 1)), rule.applyAll(List.of(1, 2)));
          }

          @Test
          void sum_ofNothing_isZero() {
            assertEquals(0, rule.sum(List.of()));
          }

          @Test
          void sum_addsAppliedPrices() {
            assertEquals(6 * (%1$d + 1), rule.sum(List.of(1, 2, 3)));
          }

          @Test
          void label_small() {
            assertEquals("small", rule.label(99));
          }

          @Test
          void label_large() {
            assertEquals("large", rule.label(1000));
          }
        }
        """, k);
  }

  /** Like sample-project's pom, standalone, with the versions this JVM's class path was built with. */
  static String pom() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>bench</groupId>
          <artifactId>shop</artifactId>
          <version>1.0-SNAPSHOT</version>

          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>

          <dependencies>
            <dependency>
              <groupId>io.github.reloadloop</groupId>
              <artifactId>reload-loop</artifactId>
              <version>RELOAD_LOOP_VERSION</version>
              <scope>test</scope>
            </dependency>
            <dependency>
              <groupId>org.junit.jupiter</groupId>
              <artifactId>junit-jupiter</artifactId>
              <version>JUNIT_VERSION</version>
              <scope>test</scope>
            </dependency>
          </dependencies>

          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-resources-plugin</artifactId>
                <version>RESOURCES_PLUGIN</version>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>COMPILER_PLUGIN</version>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>SUREFIRE_PLUGIN</version>
                <configuration>
                  <!-- What reload-loop needs in the test JVM, as in sample-project. -->
                  <argLine>-XX:+EnableDynamicAgentLoading -Djdk.attach.allowAttachSelf=true</argLine>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """
        .replace("RELOAD_LOOP_VERSION", versionOf(io.github.reloadloop.junit.ReloadLoop.class))
        .replace("JUNIT_VERSION", versionOf(org.junit.jupiter.api.Test.class))
        .replace("RESOURCES_PLUGIN", RESOURCES_PLUGIN)
        .replace("COMPILER_PLUGIN", COMPILER_PLUGIN)
        .replace("SUREFIRE_PLUGIN", SUREFIRE_PLUGIN);
  }

  /** The version of reload-loop this JVM runs, which the generated projects test with. */
  static String reloadLoopVersion() {
    return versionOf(io.github.reloadloop.junit.ReloadLoop.class);
  }

  /** The version of the Maven artifact a class came from: the name of its jar's directory in ~/.m2. */
  private static String versionOf(Class<?> type) {
    try {
      Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(type + " is not loaded from a jar in the local repository but from " + jar
            + "; run through benchmarks/run");
      }
      return jar.getParent().getFileName().toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
