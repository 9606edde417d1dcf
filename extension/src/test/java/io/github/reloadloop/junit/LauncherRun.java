package io.github.reloadloop.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The main class of a JVM that {@link NoAnnotationTests} starts: runs one test class through a real
 * launcher, as Surefire does, with nothing but a scripted console and the watched directories as launcher
 * parameters ({@code reload.loop} must come as a system property). The console either saves a fix and
 * types {@code continue}, or types {@code skip}. Prints the console's transcript and the test counts.
 *
 * <p>Arguments: the test class, the value of {@code reload.dir}, then optionally a file, a text in it and
 * its replacement (the fix).
 */
final class LauncherRun {

  static final String TRANSCRIPT = "--- console transcript ---";
  static final String COUNTS = "--- tests: ";

  private LauncherRun() {}

  public static void main(String[] args) {
    ScriptedConsole console = new ScriptedConsole();
    if (args.length == 5) {
      Path file = Path.of(args[2]);
      console.then(() -> {
        TempProject.edit(file, args[3], args[4]);
        return "continue";
      });
    } else {
      console.type("skip");
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(args[0]))
        .configurationParameter("reload.dir", args[1])
        .configurationParameter("reload.console", ScriptedConsoleFactory.class.getName())
        .configurationParameter(ScriptedConsoleFactory.ID, console.id)
        .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    System.out.println(TRANSCRIPT);
    System.out.println(console.transcript());
    System.out.println(COUNTS + summary.getTestsSucceededCount() + " succeeded, " + summary.getTestsFailedCount()
        + " failed");
  }
}
