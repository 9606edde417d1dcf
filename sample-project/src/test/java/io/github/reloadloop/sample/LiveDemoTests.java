package io.github.reloadloop.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.reloadloop.junit.ReloadLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ReloadLoop.class)
class LiveDemoTests {

  @TempDir
  Path repository;

  @Test
  void twice_four_isEight() {
    assertEquals(8, Doubler.twice(4));
  }

  @Test
  void sourceRoot_fromTheModuleOrTheRepositoryRoot_findsTheSameDirectory() throws IOException {
    Path module = repository.resolve("sample-project");
    Path doubler = module.resolve("src/main/java/io/github/reloadloop/sample/Doubler.java");
    Files.createDirectories(doubler.getParent());
    Files.writeString(doubler, "class Doubler {}");

    assertEquals(module.resolve("src/main/java"), LiveDemo.sourceRoot(module));
    assertEquals(module.resolve("src/main/java"), LiveDemo.sourceRoot(repository));
  }

  @Test
  void sourceRoot_elsewhere_saysWhereToRunFrom() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LiveDemo.sourceRoot(repository));

    assertTrue(e.getMessage().contains("run the demo from the repository root or from sample-project"), e.getMessage());
  }

  @Test
  void runningTime_zeroOrSeconds_parses() {
    assertEquals(Duration.ZERO, LiveDemo.runningTime("0"));
    assertEquals(Duration.ofSeconds(30), LiveDemo.runningTime(" 30 "));
  }

  @Test
  void runningTime_notANumber_namesTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiveDemo.runningTime("ten"));

    assertTrue(e.getMessage().startsWith("demo.seconds=ten is not a number of seconds"), e.getMessage());
  }
}
