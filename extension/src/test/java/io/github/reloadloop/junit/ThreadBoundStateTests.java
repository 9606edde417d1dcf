package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A rerun never shares the failed test's thread: that thread is still inside the failed test, whose
 * extensions keep state in thread-locals until it ends (Mockito's mocking session, Spring's transaction).
 * The fixture's extension refuses to start a second "session" on a thread that holds one, as those do.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThreadBoundStateTests {

  static final String PRICES = """
      package shop;

      public class Prices {
        public static int withTax(int net) {
          return net + 1;
        }
      }
      """;

  static final String SESSION_EXTENSION = """
      package shop;

      import java.util.List;
      import java.util.concurrent.CopyOnWriteArrayList;
      import org.junit.jupiter.api.extension.AfterEachCallback;
      import org.junit.jupiter.api.extension.BeforeEachCallback;
      import org.junit.jupiter.api.extension.ExtensionContext;

      public class SessionExtension implements BeforeEachCallback, AfterEachCallback {
        static final ThreadLocal<String> SESSION = new ThreadLocal<>();
        static final InheritableThreadLocal<String> TRANSACTION = new InheritableThreadLocal<>();
        public static final List<String> THREADS = new CopyOnWriteArrayList<>();

        @Override
        public void beforeEach(ExtensionContext context) {
          if (SESSION.get() != null) {
            throw new IllegalStateException("Unfinished session detected: " + SESSION.get());
          }
          if (TRANSACTION.get() != null) {
            throw new IllegalStateException("Cannot start new transaction without ending existing transaction");
          }
          SESSION.set(context.getUniqueId());
          TRANSACTION.set(context.getUniqueId());
          THREADS.add(Thread.currentThread().getName());
        }

        @Override
        public void afterEach(ExtensionContext context) {
          SESSION.remove();
          TRANSACTION.remove();
        }
      }
      """;

  static final String PRICES_TEST = """
      package shop;

      import static org.junit.jupiter.api.Assertions.assertEquals;
      import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

      import io.github.reloadloop.junit.ReloadLoop;
      import java.time.Duration;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.Timeout;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith({SessionExtension.class, ReloadLoop.class})
      class PricesTest {
        @Test
        void withTax_addsTwo() {
          assertEquals(12, Prices.withTax(10));
        }

        @Test
        @Timeout(value = 30, threadMode = Timeout.ThreadMode.SAME_THREAD)
        void withTax_sameThreadTimeout() {
          assertEquals(12, Prices.withTax(10));
        }

        @Test
        @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void withTax_separateThreadTimeout() {
          assertEquals(12, Prices.withTax(10));
        }

        @Test
        void withTax_preemptiveTimeout() {
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertEquals(12, Prices.withTax(10)));
        }
      }
      """;

  /** One method per timeout kind, so that each test's rerun can be made to hang on its own. */
  static final String STEPS = """
      package shop;

      public class Steps {
        public static int preemptive() {
          return 1;
        }

        public static int sameThread() {
          return 1;
        }

        public static int separateThread() {
          return 1;
        }
      }
      """;

  static final String STEPS_TEST = """
      package shop;

      import static org.junit.jupiter.api.Assertions.assertEquals;
      import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

      import io.github.reloadloop.junit.ReloadLoop;
      import java.time.Duration;
      import org.junit.jupiter.api.MethodOrderer;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.TestMethodOrder;
      import org.junit.jupiter.api.Timeout;
      import org.junit.jupiter.api.extension.ExtendWith;

      @ExtendWith(ReloadLoop.class)
      @TestMethodOrder(MethodOrderer.MethodName.class)
      class StepsTest {
        @Test
        void a_preemptive() {
          assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertEquals(2, Steps.preemptive()));
        }

        @Test
        @Timeout(value = 1, threadMode = Timeout.ThreadMode.SAME_THREAD)
        void b_sameThread() {
          assertEquals(2, Steps.sameThread());
        }

        @Test
        @Timeout(value = 1, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void c_separateThread() {
          assertEquals(2, Steps.separateThread());
        }
      }
      """;

  /** The events of the run itself, not of revalidation, which the reload-loop engine reports. */
  private static final org.assertj.core.api.Condition<org.junit.platform.testkit.engine.Event> JUPITER =
      uniqueIdSubstring("engine:junit-jupiter");

  /**
   * A body that blocks until its thread is interrupted, as a timeout that fires does; if none fires, it gives up
   * after a while and returns a wrong value, so that the rerun fails without a timeout.
   */
  private static final String HANGS = """
      try {
            new java.util.concurrent.CountDownLatch(1).await(20, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 0;""";

  @TempDir Path directory;
  TempProject project;
  Path prices;

  @BeforeEach
  void createProject() throws Exception {
    project = new TempProject(directory)
        .mainSource("shop/Prices.java", PRICES)
        .testSource("shop/SessionExtension.java", SESSION_EXTENSION)
        .testSource("shop/PricesTest.java", PRICES_TEST)
        .mainSource("shop/Steps.java", STEPS)
        .testSource("shop/StepsTest.java", STEPS_TEST)
        .compile();
    prices = project.main.resolve("shop/Prices.java");
  }

  @Test
  void extensionHoldsThreadLocalSession_fixThenContinue_rerunPassesOnAThreadOfItsOwn() throws Exception {
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(prices, "net + 1", "net + 2");
      return "continue";
    });

    EngineExecutionResults results = project.run("shop.PricesTest", console);

    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("withTax_addsTwo"), finishedSuccessfully()))
        .haveExactly(1, event(test("withTax_sameThreadTimeout"), finishedSuccessfully()))
        .haveExactly(1, event(test("withTax_separateThreadTimeout"), finishedSuccessfully()))
        .haveExactly(1, event(test("withTax_preemptiveTimeout"), finishedSuccessfully()));
    assertThat(console.transcript())
        .doesNotContain("Unfinished session", "Cannot start new transaction")
        .containsPattern("PASSED PricesTest > withTax_\\w+\\(\\) after 1 rerun");
    assertThat(console.reads.get()).as("one failure, fixed at the first continue").isEqualTo(1);
    @SuppressWarnings("unchecked")
    java.util.List<String> threads = (java.util.List<String>) project.staticField("shop.SessionExtension", "THREADS");
    assertThat(threads).as("the original run, then the rerun on a thread of its own, then the later tests")
        .hasSize(5)
        .satisfies(names -> assertThat(names.get(1)).startsWith("reload-loop-rerun-"))
        .satisfies(names -> assertThat(names.get(0)).doesNotStartWith("reload-loop-rerun-"));
  }

  @Test
  void fixThatHangs_rerunIsStoppedByItsTimeout_inEachMode_thenTheRealFixPasses() throws Exception {
    Path steps = project.main.resolve("shop/Steps.java");
    ScriptedConsole console = new ScriptedConsole();
    for (String step : new String[] {"preemptive", "sameThread", "separateThread"}) {
      String body = "int " + step + "() {\n    return ";
      console.then(() -> {
        TempProject.edit(steps, body + "1;", body.replace("return ", HANGS));
        return "continue";
      }).then(() -> {
        TempProject.edit(steps, body.replace("return ", HANGS), body + "2;");
        return "continue";
      });
    }

    EngineExecutionResults results = project.run("shop.StepsTest", console);

    assertThat(console.transcript())
        .contains("FAILED: StepsTest > a_preemptive() (rerun 1)", "execution timed out after 1000 ms")
        .contains("FAILED: StepsTest > b_sameThread() (rerun 1)", "b_sameThread() timed out after 1 second")
        .contains("FAILED: StepsTest > c_separateThread() (rerun 1)", "c_separateThread() timed out after 1 second")
        .containsPattern("PASSED StepsTest > a_preemptive\\(\\) after 2 reruns")
        .containsPattern("PASSED StepsTest > b_sameThread\\(\\) after 2 reruns")
        .containsPattern("PASSED StepsTest > c_separateThread\\(\\) after 2 reruns");
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(JUPITER, test("a_preemptive"), finishedSuccessfully()))
        .haveExactly(1, event(JUPITER, test("b_sameThread"), finishedSuccessfully()))
        .haveExactly(1, event(JUPITER, test("c_separateThread"), finishedSuccessfully()));
    results.testEvents().assertStatistics(s -> s.failed(0));
  }
}
