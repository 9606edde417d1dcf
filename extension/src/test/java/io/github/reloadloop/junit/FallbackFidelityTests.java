package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.net.Authenticator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The fresh-loader fallback never produces a failure the plain run would not have: no type split across
 * loaders when a class directory beyond the output directories is on the class path (a multi-release
 * overlay), JVM-wide defaults kept per loader, and only tests that reach a changed class use the fresh
 * loader.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FallbackFidelityTests {

  @TempDir Path directory;
  TempProject project;
  Path greeter;

  @BeforeEach
  void createProject() throws Exception {
    project = new TempProject(directory)
        .mainSource("auth/AuthShim.java", "package auth; public interface AuthShim { String scheme(); }")
        .mainSource("auth/Handlers.java", """
            package auth;

            public final class Handlers {
              public static final AuthShim HANDLER = load();

              private static AuthShim load() {
                try {
                  return (AuthShim) Class.forName("auth.RequestAuthHandler").getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                  throw new IllegalStateException(e);
                }
              }
            }
            """)
        .mainSource("auth/Greeter.java", """
            package auth;

            public class Greeter {
              public static String greet(String name) {
                return "Hello " + name + "!!";
              }
            }
            """)
        .mainSource("auth/ProjectAuthenticator.java",
            "package auth; public class ProjectAuthenticator extends java.net.Authenticator {}")
        .mainSource("auth/NetSetup.java", """
            package auth;

            public final class NetSetup {
              static {
                java.net.Authenticator.setDefault(new ProjectAuthenticator());
              }

              public static void init() {}
            }
            """)
        .testSource("auth/AOriginalNetTest.java", netTest("AOriginalNetTest", ""))
        .testSource("auth/BGreeterTest.java", """
            package auth;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import io.github.reloadloop.junit.ReloadLoop;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(ReloadLoop.class)
            class BGreeterTest {
              @Test
              void greets() {
                assertEquals("Hello Ann!", Greeter.greet("Ann"));
              }
            }
            """)
        .testSource("auth/CHandlersTest.java", """
            package auth;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import io.github.reloadloop.junit.ReloadLoop;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(ReloadLoop.class)
            class CHandlersTest {
              @Test
              void handlerComesFromTheOverlay() {
                assertEquals("Bearer", Handlers.HANDLER.scheme());
              }
            }
            """)
        .testSource("auth/DFreshNetTest.java", netTest("DFreshNetTest", "Greeter.greet(\"x\");"))
        .testSource("auth/EOriginalNetTest.java", netTest("EOriginalNetTest", ""))
        .compile();
    Path overlaySources = directory.resolve("src/main/java11");
    TempProject.save(overlaySources.resolve("auth/RequestAuthHandler.java"), """
        package auth;

        public class RequestAuthHandler implements AuthShim {
          public String scheme() {
            return "Bearer";
          }
        }
        """);
    project.extraClassDirectory(overlaySources, directory.resolve("target/classes-java11"));
    greeter = project.main.resolve("auth/Greeter.java");
  }

  /** A test that checks the default authenticator is the project's; {@code touch} makes it reach Greeter. */
  private static String netTest(String name, String touch) {
    return """
        package auth;

        import static org.junit.jupiter.api.Assertions.assertInstanceOf;

        import io.github.reloadloop.junit.ReloadLoop;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.ExtendWith;

        @ExtendWith(ReloadLoop.class)
        class %s {
          @Test
          void defaultAuthenticatorIsTheProjects() {
            NetSetup.init();
            %s
            assertInstanceOf(ProjectAuthenticator.class, java.net.Authenticator.getDefault());
          }
        }
        """.formatted(name, touch);
  }

  @AfterEach
  void resetTheDefault() {
    Authenticator.setDefault(null);
  }

  @Test
  void schemaChangingFix_laterTestsThatReachItRunFresh_overlayAndJvmDefaultsStayRight_runGreen() throws Exception {
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(greeter, "return \"Hello \" + name + \"!!\";",
          "return \"Hello \" + name + mark();\n  }\n\n  static String mark() {\n    return \"!\";");
      return "continue";
    });

    EngineExecutionResults results = project.run(List.of("auth.AOriginalNetTest", "auth.BGreeterTest",
        "auth.CHandlersTest", "auth.DFreshNetTest", "auth.EOriginalNetTest"), console);

    assertThat(console.transcript())
        .contains("changed shape: auth.Greeter: method mark() added")
        .contains("PASSED BGreeterTest > greets() after 1 rerun")
        .containsPattern("CHandlersTest: 1 test passed in a fresh class loader \\(reload-loop-fresh-\\d+\\); it reaches"
            + " auth.Greeter, which changed shape, through auth.Handlers, which looks classes up by name")
        .containsPattern("DFreshNetTest: 1 test passed in a fresh class loader");
    results.testEvents().assertStatistics(s -> s.failed(0));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("handlerComesFromTheOverlay"), LauncherRecorder.reportedByJupiter(),
            finishedSuccessfully()))
        .haveExactly(1, event(test("DFreshNetTest"), LauncherRecorder.reportedByJupiter(), finishedSuccessfully()))
        .haveExactly(1, event(test("EOriginalNetTest"), finishedSuccessfully()));
    LauncherRecorder.assertReportedLikeAPlainRun(results);
    assertThat(console.transcript()).doesNotContain("EOriginalNetTest: 1 test passed in a fresh class loader");
  }
}
