package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.junit.internal.fallback.FreshClassLoader;
import io.github.reloadloop.junit.testkit.LoopHarness;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fallback class loaders do not pile up: after 200 reruns in fresh loaders, each after a real schema
 * change, the old loaders are collectable. Mighty Patcher leaked memory with every reload.
 */
class FreshLoaderLeakTests {

  private static final int RERUNS = 200;
  private static final String TEST_ID = "[engine:junit-jupiter]/[class:acme.LedgerTest]/[method:balanceSumsEntries()]";

  @TempDir Path directory;

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void twoHundredFallbackReruns_oldLoadersCollected() throws Exception {
    TempProject project = new TempProject(directory)
        .mainSource("acme/Ledger.java", ledger(0))
        .testSource("acme/LedgerTest.java", SchemaChangeTests.LEDGER_TEST)
        .compile();
    ScriptedConsole console = new ScriptedConsole();
    Map<String, String> parameters = Map.of("reload.loop", "true", "reload.dir", project.main + "," + project.test,
        "reload.console", ScriptedConsoleFactory.class.getName(), ScriptedConsoleFactory.ID, console.id);
    List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    try (URLClassLoader base = new URLClassLoader(
            new URL[] {project.testClasses.toUri().toURL(), project.classes.toUri().toURL()},
            getClass().getClassLoader());
        LoopHarness session = LoopHarness.start(parameters, base)) {
      Class.forName("acme.Ledger", true, base); // The running version, which every later one differs from.
      for (int i = 1; i <= RERUNS; i++) {
        TempProject.save(project.main.resolve("acme/Ledger.java"), ledger(i));
        assertThat(session.reloader().awaitPendingReloads(Duration.ofSeconds(60))).isTrue();
        assertThat(session.staleClasses()).contains("acme.Ledger");

        ClassLoader fresh = session.loaderFor("acme.LedgerTest");
        assertThat(fresh).isInstanceOf(FreshClassLoader.class);
        LoopHarness.Rerun outcome = session.rerun(TEST_ID, "acme.LedgerTest");

        assertThat(outcome.status()).as("rerun %d: %s", i, outcome).isEqualTo(LoopHarness.Rerun.Status.PASSED);
        loaders.add(new WeakReference<>(fresh));
        fresh = null;
      }
      int alive = collectAndCount(loaders.subList(0, RERUNS - 1));
      assertThat(alive).as("earlier fresh loaders still reachable after %d reruns", RERUNS).isZero();
    }
    assertThat(collectAndCount(loaders)).as("the last loader after the session closed").isZero();
  }

  /** Runs the collector a bounded number of times until every referent is gone; returns how many remain. */
  static int collectAndCount(List<WeakReference<ClassLoader>> references) {
    int alive = references.size();
    for (int attempt = 0; attempt < 20 && alive > 0; attempt++) {
      System.gc();
      byte[][] pressure = new byte[64][];
      for (int i = 0; i < pressure.length; i++) {
        pressure[i] = new byte[1 << 20];
      }
      alive = (int) references.stream().filter(r -> r.get() != null).count();
    }
    return alive;
  }

  /** A Ledger whose i-th version has i extra fields: every version changes the class's shape. */
  static String ledger(int version) {
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < version; i++) {
      fields.append("  int extra").append(i).append(";\n");
    }
    return SchemaChangeTests.LEDGER
        .replace("public class Ledger {\n", "public class Ledger {\n" + fields)
        .replace("return sum - 1;", version == 0 ? "return sum - 1;" : "return sum;");
  }
}
