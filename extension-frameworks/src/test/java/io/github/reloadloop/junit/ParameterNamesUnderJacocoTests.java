package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A class the user did not edit comes out of the loop exactly as the build made it. Runs with JaCoCo's agent
 * instrumenting the shop (the build's {@code under-jacoco} executions, on Java 17 and 25), as
 * {@code jacoco:prepare-agent} does. The {@code @WebMvcTest} fails at a handler with explicit names; while the
 * console waits, the loop prepares the classes near the failure, the controller among them; only then is the
 * fix saved, as a person does a few seconds after the prompt. The rerun gets past the first handler and calls
 * a second one whose {@code @PathVariable int id} and {@code @RequestParam int quantity} are bound by the
 * names {@code -parameters} kept, looked up for the first time. Preparing the controller used to redefine it
 * from the class file the JVM reconstitutes, which on JDK 17 has no parameter names: the rerun then failed
 * with "Name for argument of type [int] not specified".
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ParameterNamesUnderJacocoTests {

  @TempDir
  Path directory;

  @Test
  void webMvcTest_fixSavedAfterTheControllerWasPrepared_rerunBindsParameterNames_andPasses() throws Exception {
    ShopProject shop = ShopProject.copyInto(directory);
    Pattern controllerPrepared = Pattern.compile("(?m)^prepared: .*\\bOrderController\\b(?!Tests)");
    ScriptedConsole console = new ScriptedConsole()
        .typeUntilShown("status", controllerPrepared)
        .then(() -> {
          TempProject.edit(shop.pricing, ShopProject.BUG, ShopProject.FIX);
          return "continue";
        });

    EngineExecutionResults results = shop.run(console, "OrderControllerTests");

    String transcript = console.transcript();
    assertThat(results.testEvents().failed().stream()
        .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
            .map(Throwable::toString).orElse("")))
        .as("failed tests; the console showed:%n%s", transcript).isEmpty();
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("goldPrice_ofTheListPrice"), finishedSuccessfully()));
    assertThat(transcript)
        .contains("FAILED: OrderControllerTests > goldPrice_ofTheListPrice()",
            "Response content expected:<9000> but was:<9900>",
            "PASSED OrderControllerTests > goldPrice_ofTheListPrice() after 1 rerun")
        .containsPattern(controllerPrepared)
        .doesNotContain("Name for argument", "never shown", "not prepared");

    Class<?> controller = shop.project.loadedClass(shop.name("OrderController"));
    assertThat(Arrays.stream(controller.getDeclaredMethods()).map(Method::getName))
        .as("instrumented by JaCoCo's agent").contains("$jacocoInit");
    Method goldTotal = controller.getMethod("goldTotal", int.class, int.class);
    assertThat(Arrays.stream(goldTotal.getParameters()).map(Parameter::getName)).containsExactly("id", "quantity");
  }
}
