package io.github.reloadloop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A project shaped like users' ones, kept in {@code benchmarks/fixtures/NAME} with its bugs in: a Maven build
 * of its own (Spring Boot, Lombok and MapStruct, a reactor), each bug found by one test, and the fix of each
 * as one edit of one file. {@link #copy} writes it into a work directory with this build's reload-loop
 * version; {@link #save} writes a fixed or buggy file as an editor does.
 *
 * @param name the directory below {@code fixtures}, and the benchmark's case name
 * @param shape what it is, for the report
 * @param fixes the bugs in the order the tests meet them
 */
record RealProject(String name, String shape, List<Fix> fixes) {

  /**
   * One bug and its fix.
   *
   * @param file the source file, relative to the project
   * @param bug the text in the fixture
   * @param fix what the fix saves in its place
   * @param test the failing test as the console names it ({@code Class > method()})
   * @param what the edit, for the report
   */
  record Fix(String file, String bug, String fix, String test, String what) {}

  static final List<RealProject> ALL = List.of(
      new RealProject("spring-web", "Spring Boot 4.0 web app: @WebMvcTest, @SpringBootTest, JaCoCo prepare-agent",
          List.of(
              new Fix("src/main/java/shop/pricing/PriceCalculator.java", "quantity > 3 ? 10 : 0",
                  "quantity >= 3 ? 10 : 0", "A_PriceControllerTests > threeMugs_getTheHousewareDiscount()",
                  "a @Component's body, found by a @WebMvcTest"),
              new Fix("src/main/java/shop/orders/OrderService.java", "goods > 5_000 ? 0 : 495",
                  "goods >= 5_000 ? 0 : 495", "B_OrderServiceTests > kettleAndTea_shipFreeFromFiftyPounds()",
                  "a @Service's body, found by a @SpringBootTest"))),
      new RealProject("processors", "Lombok + MapStruct in annotationProcessorPaths, JaCoCo, Mockito",
          List.of(
              new Fix("src/main/java/acme/orders/OrderLine.java", "return unitCents;",
                  "return unitCents * quantity;", "A_OrderTests > total_sumsQuantityTimesUnitPrice()",
                  "a method of a Lombok @Value @Builder class"),
              new Fix("src/main/java/acme/orders/OrderMapper.java", "@Mapping(target = \"label\", source = \"sku\")",
                  "@Mapping(target = \"label\", source = \"name\")", "B_OrderMapperTests > toView_labelIsTheLinesName()",
                  "a MapStruct @Mapping (the generated implementation changes)"))),
      new RealProject("reactor", "two-module reactor, mvn test from the root, fixes in the sibling module",
          List.of(
              new Fix("core/src/main/java/shop/core/TaxRules.java", "net.cents() * permille / 1000",
                  "(net.cents() * permille + 500) / 1000", "A_InvoiceTest > due_roundsTheTaxHalfUp()",
                  "core's class, found by app's test"),
              new Fix("core/src/main/java/shop/core/Rounding.java",
                  "long remainder = amount.cents() % 5;\n    return new Money(amount.cents() - remainder);",
                  "return new Money(Math.round(amount.cents() / 5.0) * 5);",
                  "B_CashTest > dueInCash_roundsToTheNearestFiveCents()", "another class of core"))));

  static RealProject named(String name) {
    return ALL.stream().filter(p -> p.name.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no real-shaped project " + name + "; names: "
            + ALL.stream().map(RealProject::name).toList()));
  }

  /** Copies the fixture (from {@code fixtures}, beside the benchmarks' pom) into {@code directory}, emptied first. */
  Path copy(Path fixtures, Path directory, String reloadLoopVersion) throws IOException {
    Path source = fixtures.resolve(name);
    if (!Files.isDirectory(source)) {
      throw new IllegalStateException("no fixture " + source.toAbsolutePath() + "; run from benchmarks/ (benchmarks/run)");
    }
    SyntheticProject.deleteTree(directory);
    try (Stream<Path> files = Files.walk(source)) {
      files.forEach(from -> {
        Path to = directory.resolve(source.relativize(from).toString());
        try {
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else if (from.getFileName().toString().equals("pom.xml")) {
            Files.writeString(to, Files.readString(from).replace("@RELOAD_LOOP_VERSION@", reloadLoopVersion));
          } else {
            Files.copy(from, to);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    for (Fix fix : fixes) {
      if (!Files.readString(directory.resolve(fix.file)).contains(fix.bug)) {
        throw new IllegalStateException(fix.file + " of " + name + " does not hold the bug '" + fix.bug + "'");
      }
    }
    return directory;
  }

  /** Saves the file of {@code fix} fixed or with its bug, as an editor does (temporary file, then rename). */
  static void save(Path directory, Fix fix, boolean fixed) throws IOException {
    Path file = directory.resolve(fix.file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String updated = fixed ? text.replace(fix.bug, fix.fix) : text.replace(fix.fix, fix.bug);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp~");
    Files.writeString(temporary, updated, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
