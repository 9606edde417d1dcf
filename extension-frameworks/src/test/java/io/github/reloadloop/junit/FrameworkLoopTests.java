package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
