package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The loop on tests that use real frameworks, which keep state on the test's thread: Mockito's extension
 * (its mocking session), Spring's test context framework (the test-managed transaction, {@code @Sql}, the
 * security context of {@code @WithMockUser}, the context cache, {@code @DirtiesContext}), with Spring Boot's
 * {@code @SpringBootTest}, {@code @DataJpaTest} and {@code @WebMvcTest} on JPA and H2. Each test fails on
 * the fixture's bug, the fix is saved, {@code continue}, and the rerun must pass: a rerun that shared the
 * failed test's thread would meet that state still open ("Unfinished mocking session", "Cannot start new
 * transaction without ending existing transaction").
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FrameworkLoopTests {

  @TempDir
  Path directory;
  ShopProject shop;

  @BeforeEach
  void copyTheShop() throws Exception {
    shop = ShopProject.copyInto(directory);
  }

  @Test
  void springBootTestTransactionalWithSql_fixThenContinue_passesInTheCachedContext() throws Exception {
    ScriptedConsole console = ShopProject.fixingWith(shop, ShopProject.FIX);

    EngineExecutionResults results = shop.run(console, "OrderServiceTests");

    assertPassedAfterOneRerun(results, console, "OrderServiceTests", "a_goldOrder_savedAtTheGoldPrice()");
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("b_anotherGoldOrder_savedAtTheGoldPrice"), finishedSuccessfully()));
    List<Object> contexts = shop.contextsSeen();
    assertThat(contexts).as("the failed run, its rerun and the next test").hasSize(3);
    assertThat(contexts.get(1)).as("the rerun's application context: the cached one").isSameAs(contexts.get(0));
    assertThat(contexts.get(2)).isSameAs(contexts.get(0));
  }

  @Test
  void dirtiesContextAfterEachMethod_fixThenContinue_passes() throws Exception {
    ScriptedConsole console = ShopProject.fixingWith(shop, ShopProject.FIX);

    EngineExecutionResults results = shop.run(console, "DirtyOrderServiceTests");

    assertPassedAfterOneRerun(results, console, "DirtyOrderServiceTests", "goldOrder_inAContextOfItsOwn()");
    List<Object> contexts = shop.contextsSeen();
    assertThat(contexts).hasSize(2);
    assertThat(contexts.get(1)).as("the rerun's context: the failed test's is closed only when that test ends")
        .isSameAs(contexts.get(0));
  }

  @Test
  void dataJpaTest_fixThenContinue_passes() throws Exception {
    ScriptedConsole console = ShopProject.fixingWith(shop, ShopProject.FIX);

    EngineExecutionResults results = shop.run(console, "OrderRepositoryTests");

    assertPassedAfterOneRerun(results, console, "OrderRepositoryTests", "goldOrder_foundByCustomer_atTheGoldPrice()");
  }

  @Test
  void webMvcTestWithMockitoBeanAndMockUser_fixThenContinue_passes() throws Exception {
    ScriptedConsole console = ShopProject.fixingWith(shop, ShopProject.FIX);

    EngineExecutionResults results = shop.run(console, "OrderControllerTests");

    assertPassedAfterOneRerun(results, console, "OrderControllerTests", "goldPrice_ofTheListPrice()");
    assertThat(console.transcript()).contains("Response content expected:<9000> but was:<9900>");
  }

  @Test
  void mockitoExtensionWithStrictStubs_fixThenContinue_passes() throws Exception {
    ScriptedConsole console = ShopProject.fixingWith(shop, ShopProject.FIX);

    EngineExecutionResults results = shop.run(console, "CheckoutTests");

    assertPassedAfterOneRerun(results, console, "CheckoutTests", "goldTotal_ofTwoItems()");
    assertThat(console.transcript()).contains("expected: <10800> but was: <11880>");
  }

  @Test
  void fixThatAddsAMethod_rerunAndTheNextTestRunInAFreshLoader_andPass() throws Exception {
    ScriptedConsole console = ShopProject.fixingWith(shop, ShopProject.FIX_WITH_NEW_METHOD);

    EngineExecutionResults results = shop.run(console, "OrderServiceTests");

    assertPassedAfterOneRerun(results, console, "OrderServiceTests", "a_goldOrder_savedAtTheGoldPrice()");
    assertThat(console.transcript()).contains("the rerun uses a fresh class loader")
        .contains("OrderServiceTests: 1 test passed in a fresh class loader");
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("b_anotherGoldOrder_savedAtTheGoldPrice"), finishedSuccessfully()));
    LauncherRecorder.assertReportedLikeAPlainRun(results);
  }

  /**
   * A later Spring test class that runs whole in a fresh loader gets a context of its own, built from the
   * fresh loader's classes. Spring Boot's {@code AnnotatedClassFinder} caches the
   * {@code @SpringBootConfiguration} class found for a package in a static map; shared across worlds, it gave
   * the later class the original loader's {@code ShopApplication} and with it the original context
   * ({@code No qualifying bean of type 'shopN.OrderService'}). Each world now has its own cache contents.
   */
  @Test
  void fixThatAddsAMethod_aLaterSpringTestClassRunsInAFreshLoader_andPasses() throws Exception {
    ScriptedConsole console = ShopProject.fixingWith(shop, ShopProject.FIX_WITH_NEW_METHOD);

    EngineExecutionResults results = shop.run(console, "OrderServiceTests", "OrderTotalsTests");

    assertPassedAfterOneRerun(results, console, "OrderServiceTests", "a_goldOrder_savedAtTheGoldPrice()");
    results.testEvents().assertThatEvents().haveExactly(1, event(test("goldOrderTotal"), finishedSuccessfully()));
    LauncherRecorder.assertReportedLikeAPlainRun(results); // The later class's original reports its fresh run.
  }

  /**
   * A {@code @Service} whose constructor throws: the application context of {@code OrderServiceTests} will
   * not start. The console names the context; the constructor's fix is saved, {@code continue}, and a new
   * attempt at the context (not Spring's cached failure, on which Spring since 6.1 fails fast) starts it.
   * The first test then fails on the pricing bug and loops like any test; its fix passes it, and the next
   * test runs in the same, new context.
   */
  @Test
  void serviceConstructorBreaksTheContext_fixThenContinue_theContextStartsAndTheTestsRun() throws Exception {
    Path service = breakOrderServiceConstructor();
    ScriptedConsole console = new ScriptedConsole().then(() -> {
      TempProject.edit(service, "parseInt(\"1O0\")", "parseInt(\"100\")");
      return "continue";
    }).then(() -> {
      TempProject.edit(shop.pricing, ShopProject.BUG, ShopProject.FIX);
      return "continue";
    });

    EngineExecutionResults results = shop.run(console, "OrderServiceTests");

    assertThat(console.transcript())
        .contains("FAILED: the Spring context of OrderServiceTests")
        .contains("root cause java.lang.NumberFormatException: For input string: \"1O0\"")
        .contains("PASSED the Spring context of OrderServiceTests after 1 rerun")
        .contains("FAILED: OrderServiceTests > a_goldOrder_savedAtTheGoldPrice()")
        .contains("PASSED OrderServiceTests > a_goldOrder_savedAtTheGoldPrice() after 1 rerun")
        .doesNotContain("failure threshold");
    results.allEvents().assertStatistics(stats -> stats.failed(0).aborted(0));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("a_goldOrder_savedAtTheGoldPrice"), finishedSuccessfully()))
        .haveExactly(1, event(test("b_anotherGoldOrder_savedAtTheGoldPrice"), finishedSuccessfully()));
    List<Object> contexts = shop.contextsSeen();
    assertThat(contexts).as("the failed test, its rerun and the next test").hasSize(3);
    assertThat(contexts).as("one context, the one that started after the fix").containsOnly(contexts.get(0));
    assertThat(console.reads.get()).as("the context's prompt, then the test's").isEqualTo(2);
  }

  /**
   * {@code skip} at a context that will not start lets it fail as in a plain run: the first test with the
   * context's failure, the next with Spring's own refusal to try the same context again; one prompt.
   */
  @Test
  void serviceConstructorBreaksTheContext_skip_theTestsFailAsInAPlainRun() throws Exception {
    breakOrderServiceConstructor();
    ScriptedConsole console = new ScriptedConsole().type("skip");

    EngineExecutionResults results = shop.run(console, "OrderServiceTests");

    results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("a_goldOrder_savedAtTheGoldPrice"),
            finishedWithFailure(message(m -> m.startsWith("Failed to load ApplicationContext")))))
        .haveExactly(1, event(test("b_anotherGoldOrder_savedAtTheGoldPrice"),
            finishedWithFailure(message(m -> m.startsWith("ApplicationContext failure threshold")))));
    assertThat(console.transcript()).contains("skipped: the Spring context of OrderServiceTests fails");
    assertThat(console.reads.get()).isEqualTo(1);
  }

  /**
   * The rerun uses the test context manager that Spring's extension made for the class in the failing run,
   * as the class's next test would: Spring builds it (its bootstrapper's test context: the merged
   * configuration, the context cache's key) once, not again for the rerun's launcher run.
   */
  @Test
  void springTestClass_fixThenContinue_theRerunUsesTheRunsTestContextManager() throws Exception {
    writeCountedSpringTest("CountedTests", "");
    ScriptedConsole console = ShopProject.fixingWith(shop, ShopProject.FIX);

    EngineExecutionResults results = shop.run(console, "CountedTests");

    assertPassedAfterOneRerun(results, console, "CountedTests", "goldPrice()");
    assertThat(built())
        .as("test contexts built by the bootstrapper: the failing run's manager served the rerun").isEqualTo(1);
    List<Object> contexts = shop.contextsSeen();
    assertThat(contexts).hasSize(2);
    assertThat(contexts.get(1)).isSameAs(contexts.get(0));
  }

  /**
   * A listener that is not Spring's own may keep a class's state in a field, which a rerun's class callbacks
   * on a shared manager would overwrite while the failing test's class is still open: then the rerun gets a
   * manager of its own, and the failing test's {@code afterTestMethod} still finds its class's state.
   */
  @Test
  void springTestClassWithAListenerOfItsOwn_fixThenContinue_theRerunBuildsItsOwnTestContextManager()
      throws Exception {
    shop.project.testSource(shop.packageName + "/ClassStateListener.java", """
        package %s;

        import org.springframework.test.context.TestContext;
        import org.springframework.test.context.TestExecutionListener;

        /** Keeps the open class in a field, as a listener written for sequential runs may. */
        public class ClassStateListener implements TestExecutionListener {
          private Class<?> open;

          @Override
          public void beforeTestClass(TestContext context) {
            open = context.getTestClass();
          }

          @Override
          public void afterTestMethod(TestContext context) {
            if (open == null) {
              throw new IllegalStateException("the class's state is gone");
            }
          }

          @Override
          public void afterTestClass(TestContext context) {
            open = null;
          }
        }
        """.formatted(shop.packageName));
    writeCountedSpringTest("CountedWithListenerTests",
        "@org.springframework.test.context.TestExecutionListeners(listeners = ClassStateListener.class,"
            + " mergeMode = org.springframework.test.context.TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)\n");
    ScriptedConsole console = ShopProject.fixingWith(shop, ShopProject.FIX);

    EngineExecutionResults results = shop.run(console, "CountedWithListenerTests");

    assertPassedAfterOneRerun(results, console, "CountedWithListenerTests", "goldPrice()");
    assertThat(built())
        .as("test contexts built: the failing run's and the rerun's own").isEqualTo(2);
  }

  /** How many test contexts the fixture's {@code CountingBootstrapper} built in the latest run. */
  private int built() throws ReflectiveOperationException {
    return ((AtomicInteger) shop.project.staticField(shop.name("CountingBootstrapper"), "BUILT")).get();
  }

  /**
   * Writes a Spring test class {@code name} whose bootstrapper counts the test contexts it builds (one per
   * test context manager) and whose test meets the pricing bug; {@code annotations} go on the class.
   */
  private void writeCountedSpringTest(String name, String annotations) throws Exception {
    shop.project.testSource(shop.packageName + "/CountingBootstrapper.java", """
        package %s;

        import java.util.concurrent.atomic.AtomicInteger;
        import org.springframework.test.context.TestContext;
        import org.springframework.test.context.support.DefaultTestContextBootstrapper;

        public class CountingBootstrapper extends DefaultTestContextBootstrapper {
          public static final AtomicInteger BUILT = new AtomicInteger();

          @Override
          public TestContext buildTestContext() {
            BUILT.incrementAndGet();
            return super.buildTestContext();
          }
        }
        """.formatted(shop.packageName));
    shop.project.testSource(shop.packageName + "/" + name + ".java", """
        package %s;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import org.junit.jupiter.api.Test;
        import org.springframework.beans.factory.annotation.Autowired;
        import org.springframework.context.ApplicationContext;
        import org.springframework.context.annotation.Configuration;
        import org.springframework.test.context.BootstrapWith;
        import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

        @SpringJUnitConfig(%s.Config.class)
        @BootstrapWith(CountingBootstrapper.class)
        %sclass %s {

          @Configuration
          static class Config {}

          @Autowired
          ApplicationContext context;

          @Test
          void goldPrice() {
            Seen.CONTEXTS.add(context);
            assertEquals(9_000, Pricing.goldPrice(10_000));
          }
        }
        """.formatted(shop.packageName, name, annotations, name));
    shop.project.compile(List.of("-parameters"));
  }

  /** Makes {@code OrderService}'s constructor throw, so that no context with it starts; returns its source. */
  private Path breakOrderServiceConstructor() throws Exception {
    Path service = shop.project.main.resolve(shop.packageName + "/OrderService.java");
    TempProject.edit(service, "    this.orders = orders;\n",
        "    this.orders = orders;\n    this.batchSize = Integer.parseInt(\"1O0\");\n");
    TempProject.edit(service, "  private final OrderRepository orders;\n",
        "  private final OrderRepository orders;\n  private final int batchSize;\n");
    shop.project.compile(List.of("-parameters"));
    return service;
  }

  /** The test failed on the bug, entered the loop once, and its rerun passed; nothing else failed. */
  private static void assertPassedAfterOneRerun(EngineExecutionResults results, ScriptedConsole console,
      String testClass, String testMethod) {
    assertThat(results.testEvents().failed().stream()
        .map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload(TestExecutionResult.class)
            .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("")))
        .as("failed tests; the console showed:%n%s", console.transcript()).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.aborted(0));
    results.testEvents().assertThatEvents().haveExactly(1,
        event(test(testMethod.substring(0, testMethod.indexOf('('))), finishedSuccessfully()));
    assertThat(console.transcript())
        .contains("FAILED: " + testClass + " > " + testMethod)
        .contains("PASSED " + testClass + " > " + testMethod + " after 1 rerun")
        .doesNotContain("Unfinished mocking session", "Cannot start new transaction");
    assertThat(console.reads.get()).as("one prompt: the first rerun passed").isEqualTo(1);
  }
}
