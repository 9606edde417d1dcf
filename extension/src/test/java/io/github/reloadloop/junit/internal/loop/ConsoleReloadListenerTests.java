package io.github.reloadloop.junit.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.junit.console.LoopConsole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleReloadListenerTests {

  @TempDir Path shop;

  @BeforeEach
  void reactorRoot() throws Exception {
    Files.writeString(shop.resolve("pom.xml"), "<project/>");
  }

  /** Records what is shown; the console is the edge these tests fake. */
  private static final class Recorder implements LoopConsole {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public String readLine(String prompt) {
      return null;
    }

    @Override
    public void println(Tone tone, String text) {
      lines.add(tone + " " + text);
    }

    @Override
    public void close() {}
  }

  @Test
  void saveOutsideTheRoots_namesTheFileAndTheReloadDirAddValue_relativeToTheModule() {
    Recorder console = new Recorder();
    ConsoleReloadListener listener = new ConsoleReloadListener(() -> console, shop.resolve("app"));

    listener.savedOutsideRoots(shop.resolve("core/src/test/java/shop/CoreTest.java"),
        shop.resolve("core/src/test/java"));

    assertThat(console.lines).containsExactly("WARNING not reloaded: ../core/src/test/java/shop/CoreTest.java is"
        + " outside the watched source roots; reload.dir.add=../core/src/test/java would include it");
  }

  @Test
  void saveBeforeTheConsoleOpened_shownWhenItOpens() {
    Recorder console = new Recorder();
    LoopConsole[] open = new LoopConsole[1];
    ConsoleReloadListener listener = new ConsoleReloadListener(() -> open[0], shop.resolve("app"));

    listener.savedOutsideRoots(shop.resolve("tools/src/main/java/T.java"), shop.resolve("tools/src/main/java"));
    open[0] = console;
    assertThat(console.lines).isEmpty();
    listener.showPending();
    listener.showPending();

    assertThat(console.lines).containsExactly("WARNING not reloaded: ../tools/src/main/java/T.java is outside the"
        + " watched source roots; reload.dir.add=../tools/src/main/java would include it");
  }
}
