package io.github.reloadloop.e2e;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each end-to-end test of the demo starts from, and leaves behind: a fresh copy of sample-project; after
 * the test, its terminal's screen and its Surefire report under {@code target/e2e-logs}, named after the test,
 * to be read when it failed.
 */
abstract class DemoEndToEndBase {

  @TempDir
  Path temporary;

  DemoProject project;
  /** The terminal the test started, if any; stopped after the test. */
  TmuxSession terminal;
  String testName;

  @BeforeEach
  void copyTheSampleProject(TestInfo info) throws IOException {
    project = DemoProject.copyInto(temporary.resolve("sample-project"));
    testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
  }

  @AfterEach
  void stopTheTerminal() throws IOException, InterruptedException {
    if (terminal != null) {
      terminal.saveScreen(logDirectory().resolve(testName + ".log"));
      terminal.close();
    }
    project.keepReport(logDirectory().resolve(testName + ".xml"));
  }

  static Path logDirectory() {
    return Path.of(System.getProperty("e2e.logDirectory", "target/e2e-logs"));
  }
}
