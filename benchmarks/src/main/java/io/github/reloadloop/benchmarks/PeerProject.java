package io.github.reloadloop.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The small project of the side-by-side benchmark, in two builds of the same sources: {@code bench.shop.Basket}
 * (a stream and lambdas; {@code total()} off by the number of items) and its four plain JUnit tests, one of
 * which fails while the bug is in. The loop's build is {@link ShopProject}'s pom (reload-loop and JUnit as
 * test dependencies); Quarkus's has the Quarkus BOM and Maven plugin {@value #QUARKUS}, {@code quarkus-arc}
 * and {@code quarkus-junit5}, as a Quarkus application with plain unit tests has. Quarkus needs Maven 3.9,
 * which {@link #maven39} fetches from Maven Central (with the build's own Maven) into the benchmarks' target.
 */
final class PeerProject {

  static final String QUARKUS = "3.33.2";
  static final String MAVEN = "3.9.16";

  final Path directory;

  private PeerProject(Path directory) {
    this.directory = directory;
  }

  /** Writes the project with the bug into {@code directory} (emptied first), built for Quarkus or for the loop. */
  static PeerProject create(Path directory, boolean quarkus) throws IOException {
    SyntheticProject.deleteTree(directory);
    Path main = Files.createDirectories(directory.resolve("src/main/java/bench/shop"));
    Path test = Files.createDirectories(directory.resolve("src/test/java/bench/shop"));
    Files.writeString(main.resolve("Basket.java"), ShopProject.basket(true));
    Files.writeString(test.resolve("BasketTest.java"), ShopProject.BASKET_TEST);
    Files.writeString(directory.resolve("pom.xml"), quarkus ? quarkusPom() : ShopProject.pom());
    return new PeerProject(directory);
  }

  /** Saves {@code Basket.java} with or without the bug, as an editor does (temp file, then rename). */
  void saveBasket(boolean buggy) throws IOException {
    save(ShopProject.basket(buggy));
  }

  /** Saves a fix that is still wrong: {@code total()} off by one. */
  void saveWrongFix() throws IOException {
    save(ShopProject.basket(true).replace("- items.size();", "- 1;"));
  }

  private void save(String text) throws IOException {
    Path file = directory.resolve("src/main/java/bench/shop/Basket.java");
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp~");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * {@code bin/mvn} of Maven {@value #MAVEN} below {@code target}, fetched the first time as
   * {@code org.apache.maven:apache-maven:MAVEN:bin} (tar.gz) by {@code mvn dependency:copy} and unpacked.
   */
  static Path maven39(Path target) throws IOException, InterruptedException {
    Path home = target.resolve("apache-maven-" + MAVEN);
    Path mvn = home.resolve("bin/mvn");
    if (Files.isExecutable(mvn)) {
      return mvn;
    }
    Files.createDirectories(target);
    run(target, List.of("mvn", "-B", "-q", "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy",
        "-Dartifact=org.apache.maven:apache-maven:" + MAVEN + ":tar.gz:bin", "-DoutputDirectory=" + target));
    run(target, List.of("tar", "xzf", "apache-maven-" + MAVEN + "-bin.tar.gz"));
    if (!Files.isExecutable(mvn)) {
      throw new IllegalStateException("unpacking Maven " + MAVEN + " left no " + mvn);
    }
    return mvn;
  }

  private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("peer-", ".log");
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed:\n"
            + ShopProject.tail(Files.readString(log, StandardCharsets.UTF_8), 3000));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String quarkusPom() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>bench</groupId>
          <artifactId>shop-quarkus</artifactId>
          <version>1.0-SNAPSHOT</version>

          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <quarkus.version>QUARKUS</quarkus.version>
          </properties>

          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>io.quarkus</groupId>
                <artifactId>quarkus-bom</artifactId>
                <version>${quarkus.version}</version>
                <type>pom</type>
                <scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>

          <dependencies>
            <dependency>
              <groupId>io.quarkus</groupId>
              <artifactId>quarkus-arc</artifactId>
            </dependency>
            <dependency>
              <groupId>io.quarkus</groupId>
              <artifactId>quarkus-junit5</artifactId>
              <scope>test</scope>
            </dependency>
          </dependencies>

          <build>
            <plugins>
              <plugin>
                <groupId>io.quarkus</groupId>
                <artifactId>quarkus-maven-plugin</artifactId>
                <version>${quarkus.version}</version>
                <extensions>true</extensions>
                <executions>
                  <execution>
                    <goals>
                      <goal>build</goal>
                      <goal>generate-code</goal>
                      <goal>generate-code-tests</goal>
                    </goals>
                  </execution>
                </executions>
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
              </plugin>
            </plugins>
          </build>
        </project>
        """.replace("QUARKUS", QUARKUS).replace("COMPILER_PLUGIN", ShopProject.COMPILER_PLUGIN)
        .replace("SUREFIRE_PLUGIN", ShopProject.SUREFIRE_PLUGIN);
  }
}
