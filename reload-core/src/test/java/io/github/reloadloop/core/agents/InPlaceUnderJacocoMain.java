package io.github.reloadloop.core.agents;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.FixtureCompiler;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs in a JVM started with JaCoCo's agent by {@link InPlaceAgentsTests}: builds a class for the release given
 * as second argument, loads it (JaCoCo instruments it, and later the companions of its in-place changes too),
 * then saves three versions that change its private members and prints what happened after each.
 */
public final class InPlaceUnderJacocoMain {

  static final String LEDGER = """
      package fixture;
      import java.util.function.IntSupplier;
      public class Ledger {
        private int base = 40;
        public int total() { return BODY; }
        MEMBERS
      }
      """;

  private InPlaceUnderJacocoMain() {}

  public static void main(String[] args) throws Exception {
    try (SampleProject project = new SampleProject(Path.of(args[0]))) {
      project.write("fixture/Ledger.java", LEDGER.replace("BODY", "base").replace("MEMBERS", ""));
      FixtureCompiler.compileTree(CompilerKind.JAVAC, project.root, project.out, args[1]);
      Object ledger = project.load("fixture.Ledger").getConstructor().newInstance();
      print("before", SampleProject.call(ledger, "total"));
      RecordingListener events = new RecordingListener();
      try (AutoReloader reloader = project.reloader(events).start()) {
        save(project, reloader, "plus(2) + hits++ + STEP", "private int hits = 1;\n"
            + "private static final int STEP = Integer.parseInt(\"100\");\n"
            + "private int plus(int more) { IntSupplier s = () -> base + more; return s.getAsInt(); }");
        print("first", SampleProject.call(ledger, "total") + " " + events.results.get(0).inPlace());
        save(project, reloader, "plus(2) + hits++ + STEP", "private int hits = 1;\n"
            + "private static final int STEP = Integer.parseInt(\"100\");\n"
            + "private int plus(int more) { IntSupplier s = () -> base * more; return s.getAsInt(); }");
        print("second", SampleProject.call(ledger, "total") + " " + events.refused);
        save(project, reloader, "base - 1", "");
        print("third", SampleProject.call(ledger, "total") + " " + events.refused);
      }
    }
  }

  private static void save(SampleProject project, AutoReloader reloader, String body, String members)
      throws InterruptedException {
    project.write("fixture/Ledger.java", LEDGER.replace("BODY", body).replace("MEMBERS", members));
    if (!reloader.awaitPendingReloads(Duration.ofSeconds(60))) {
      throw new AssertionError("the reload did not end within 60 s");
    }
  }

  private static void print(String key, Object value) {
    System.out.println(key + ": " + value);
  }
}
