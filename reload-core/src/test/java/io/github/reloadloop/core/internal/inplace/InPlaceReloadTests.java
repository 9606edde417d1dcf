package io.github.reloadloop.core.internal.inplace;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.api.ReloadResult;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real sources built by javac, loaded, edited with private structural changes, and changed in place. */
@Timeout(60)
class InPlaceReloadTests {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Long enough that two files written one after the other make one save, even on a loaded machine. */
  private static final Duration ONE_SAVE = Duration.ofSeconds(1);

  @TempDir
  Path directory;

  @Test
  void addedPrivateHelper_runsInTheSameObject() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("shop/Ledger.java", """
          package shop;
          public class Ledger {
            private int base = 40;
            public int total() { return base; }
          }
          """);
      project.build(CompilerKind.JAVAC);
      Class<?> type = project.load("shop.Ledger");
      Object ledger = type.getConstructor().newInstance();
      assertThat(call(ledger, "total")).isEqualTo(40);
      RecordingListener events = new RecordingListener();
      try (AutoReloader reloader = project.reloader(events).start()) {
        project.write("shop/Ledger.java", """
            package shop;
            public class Ledger {
              private int base = 40;
              public int total() { return plus(2); }
              private int plus(int more) { return base + more; }
            }
            """);
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
        assertThat(call(ledger, "total")).as("%s", events).isEqualTo(42);
        ReloadResult result = events.results.get(events.results.size() - 1);
        assertThat(result.refused()).isEmpty();
        assertThat(result.inPlace()).containsKey("shop.Ledger");
        assertThat(result.inPlaceSuffix()).isEqualTo(" in place (1 method added)");
        assertThat(reloader.status().inPlace()).containsEntry("shop.Ledger", java.util.List.of("1 method added"));
        assertThat(reloader.status().upToDate()).isTrue();
      }
    }
  }

  @Test
  void aClassOfTheSameSaveThatCannotBeChangedInPlace_theWholeSaveTakesTheFallback() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("shop/Ledger.java", """
          package shop;
          public class Ledger {
            public int total() { return 40; }
          }
          """);
      project.write("shop/Till.java", """
          package shop;
          public class Till {
            public int open() { return 1; }
          }
          """);
      project.build(CompilerKind.JAVAC);
      Object ledger = project.load("shop.Ledger").getConstructor().newInstance();
      Object till = project.load("shop.Till").getConstructor().newInstance();
      RecordingListener events = new RecordingListener();
      try (AutoReloader reloader = project.reloader(events).debounce(ONE_SAVE).start()) {
        project.write("shop/Ledger.java", """
            package shop;
            public class Ledger {
              public int total() { return plus(2); }
              private int plus(int more) { return 40 + more; }
            }
            """);
        project.write("shop/Till.java", """
            package shop;
            public class Till {
              public int open() { return 2; }
              public int close() { return 0; }
            }
            """);
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
        assertThat(call(ledger, "total")).as("%s", events).isEqualTo(40);
        assertThat(call(till, "open")).isEqualTo(1);
        assertThat(reloader.status().refused()).containsOnlyKeys("shop.Ledger", "shop.Till");
        assertThat(reloader.status().refused().get("shop.Ledger").describe())
            .contains("1 method added in place, not made: shop.Till changed shape in the same save");
        assertThat(reloader.status().inPlace()).isEmpty();
      }
    }
  }

  @Test
  void reloadLine_saysTheChangeWentInPlace() throws Exception {
    try (SampleProject project = new SampleProject(directory)) {
      project.write("shop/Ledger.java", """
          package shop;
          public class Ledger {
            public int total() { return 40; }
          }
          """);
      project.build(CompilerKind.JAVAC);
      project.load("shop.Ledger");
      java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
      RecordingListener events = new RecordingListener();
      try (AutoReloader reloader = project.reloader(events)
          .reporter(new io.github.reloadloop.core.StandardErrorReporter(new java.io.PrintStream(lines, true)))
          .start()) {
        project.write("shop/Ledger.java", """
            package shop;
            import java.util.function.IntSupplier;
            public class Ledger {
              public int total() { IntSupplier s = () -> plus(2); return s.getAsInt(); }
              private int plus(int more) { return 40 + more; }
            }
            """);
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();
        assertThat(lines.toString()).as("%s", events)
            .contains("[reload] reloaded 1 class in place (1 method added, 1 lambda added) in ");
      }
    }
  }
}
