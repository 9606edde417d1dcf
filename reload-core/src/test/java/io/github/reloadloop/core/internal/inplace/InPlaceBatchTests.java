package io.github.reloadloop.core.internal.inplace;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.internal.compile.CompiledClass;
import io.github.reloadloop.core.internal.compile.CompiledPatch;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.internal.overlay.Overlay;
import io.github.reloadloop.core.internal.redefine.AgentLoader;
import io.github.reloadloop.core.internal.redefine.Applied;
import io.github.reloadloop.core.internal.redefine.Applier;
import io.github.reloadloop.core.internal.redefine.Planner;
import io.github.reloadloop.core.internal.redefine.RedefinitionPlan;
import io.github.reloadloop.core.internal.redefine.RunningVersions;
import io.github.reloadloop.core.support.FixtureCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch never half-applies: when a class of it cannot be changed in place at apply time (a companion the
 * verifier refuses, a redefinition the JVM refuses), nothing of the batch is in place and the batch ends as the
 * fallback path leaves it; the next save of the same classes is made in place. Real compiles, the real
 * planner and apply stage, real {@code redefineClasses}.
 */
@Timeout(120)
class InPlaceBatchTests {

  private static final String LEDGER = """
      package shop;
      public class Ledger {
        private int base = 40;
        public int total() { return BODY; }
        MEMBERS
      }
      """;
  private static final String BASKET = """
      package shop;
      public class Basket {
        private int items = 2;
        public int count() { return BODY; }
        MEMBERS
      }
      """;
  private static final String PRICES = "package shop;\npublic class Prices { public int tax() { return TAX; } }\n";
  private static final String REPORT = """
      package shop;
      public class Report { public int lines(Ledger ledger) { return LINES; } }
      """;

  @TempDir
  Path directory;

  private final Instrumentation jvm = AgentLoader.load().instrumentation();
  private final List<String> warnings = new ArrayList<>();
  private URLClassLoader loader;
  private Path classes;
  private Overlay overlay;
  private Planner planner;
  private Applier applier;
  private int version;
  private Object ledger;
  private Object basket;
  private Object prices;
  private Object report;

  @BeforeEach
  void start() throws Exception {
    classes = compile(ledger("base", ""), basket("items", ""), "1", "1");
    loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    ledger = instance("shop.Ledger");
    basket = instance("shop.Basket");
    prices = instance("shop.Prices");
    report = instance("shop.Report");
    overlay = Overlay.create(List.of(classes), warnings::add);
    RunningVersions running = RunningVersions.fromClassLoaders();
    planner = new Planner(() -> jvm, false, running);
    applier = new Applier(() -> jvm, running, overlay);
    // A first change, so that the ledger has a history (companions, a link table) when the batch fails.
    Applied first = apply(ledger("base + one()", "private int one() { return 1; }"), basket("items", ""), "1", "1",
        UnaryOperator.identity());
    assertThat(first.inPlace()).containsOnlyKeys("shop.Ledger");
    assertThat(call(ledger, "total")).isEqualTo(41);
  }

  @AfterEach
  void close() throws Exception {
    loader.close();
  }

  @Test
  void companionTheVerifierRefuses_wholeBatchFallsBack_nextSaveInPlace() throws Exception {
    Applied failed = apply(ledger("base + one() + two()", "private int one() { return 1; }\n"
            + "private int two() { return 2; }"), basket("items + more()", "private int more() { return 5; }"),
        "2", "ledger.total()", plan -> corruptCompanion(plan, "shop.Basket", "more"));

    assertThat(failed.inPlace()).isEmpty();
    assertThat(failed.redefined()).containsExactly("shop.Prices");
    Map<String, String> refused = reasons(failed);
    assertThat(refused).containsOnlyKeys("shop.Ledger", "shop.Basket", "shop.Report");
    assertThat(refused.get("shop.Basket")).startsWith("1 method added in place, not made: the companion class")
        .contains("was refused: java.lang.VerifyError").contains("more");
    assertThat(refused.get("shop.Ledger")).isEqualTo("1 method added in place, not made: shop.Basket could not be"
        + " changed in place in the same save, and a save goes one way");
    assertThat(refused.get("shop.Report")).startsWith("held back because it uses shop.Ledger");
    assertThat(failed.refused()).allSatisfy(r -> assertThat(r.classFile()).as("for a fresh loader").isNotNull());
    assertThat(call(ledger, "total")).as("the ledger runs what it ran").isEqualTo(41);
    assertThat(call(basket, "count")).isEqualTo(2);
    assertThat(call(report, "lines", ledger)).isEqualTo(1);
    assertThat(call(prices, "tax")).as("a class apart from them goes the fallback's way: redefined").isEqualTo(2);

    Applied next = apply(ledger("base + one() + two()", "private int one() { return 1; }\n"
            + "private int two() { return 3; }"), basket("items + more()", "private int more() { return 5; }"),
        "2", "ledger.total()", UnaryOperator.identity());

    assertThat(next.refused()).isEmpty();
    assertThat(next.inPlace()).containsOnlyKeys("shop.Ledger", "shop.Basket");
    assertThat(call(ledger, "total")).as("the link table has no entry of the batch that failed").isEqualTo(44);
    assertThat(call(basket, "count")).isEqualTo(7);
    assertThat(call(report, "lines", ledger)).isEqualTo(44);
  }

  @Test
  void redefinitionTheJvmRefuses_wholeBatchFallsBack_nextSaveInPlace() throws Exception {
    Path src = write("jvm-refuses", "shop/Prices.java", PRICES.replace("TAX", "3")
        .replace("} }", "} public int x() { return 0; } }"));
    FixtureCompiler.compileTree(CompilerKind.JAVAC, src, directory.resolve("jvm-refuses/out"));
    byte[] bytes = Files.readAllBytes(directory.resolve("jvm-refuses/out/shop/Prices.class"));

    Applied failed = apply(ledger("base + two()", "private int two() { return 2; }"), basket("items", ""), "3", "1",
        plan -> withRedefinition(plan, "shop.Prices", bytes));

    assertThat(failed.inPlace()).isEmpty();
    assertThat(failed.redefined()).isEmpty();
    Map<String, String> refused = reasons(failed);
    assertThat(refused).containsOnlyKeys("shop.Ledger", "shop.Prices");
    assertThat(refused.get("shop.Ledger")).contains(" in place, not made: the JVM refused the save's classes"
        + " (UnsupportedOperationException");
    assertThat(call(ledger, "total")).isEqualTo(41);
    assertThat(call(prices, "tax")).isEqualTo(1);

    Applied next = apply(ledger("base + two()", "private int two() { return 4; }"), basket("items", ""), "3", "1",
        UnaryOperator.identity());

    assertThat(next.refused()).isEmpty();
    assertThat(next.inPlace()).containsOnlyKeys("shop.Ledger");
    assertThat(call(ledger, "total")).isEqualTo(44);
    assertThat(call(prices, "tax")).isEqualTo(3);
  }

  @Test
  void linkTableDefinedByAnAbandonedBatch_servesTheNextSave() throws Exception {
    Applied unused = apply(ledger("base + one()", "private int one() { return 1; }"),
        basket("items", "private int spare() { return 0; }"), "1", "1", UnaryOperator.identity());
    assertThat(unused.inPlace()).containsEntry("shop.Basket", List.of("1 method added"));
    Path src = write("jvm-refuses", "shop/Prices.java", PRICES.replace("TAX", "3")
        .replace("} }", "} public int x() { return 0; } }"));
    FixtureCompiler.compileTree(CompilerKind.JAVAC, src, directory.resolve("jvm-refuses/out"));
    byte[] bytes = Files.readAllBytes(directory.resolve("jvm-refuses/out/shop/Prices.class"));
    String members = "private int spare() { return 0; }\nprivate int more() { return items + 3; }";

    Applied failed = apply(ledger("base + one()", "private int one() { return 1; }"),
        basket("items + more()", members), "3", "1", plan -> withRedefinition(plan, "shop.Prices", bytes));

    assertThat(failed.inPlace()).isEmpty();
    assertThat(call(basket, "count")).isEqualTo(2);

    Applied next = apply(ledger("base + one()", "private int one() { return 1; }"),
        basket("items + more()", members), "3", "1", UnaryOperator.identity());

    assertThat(next.refused()).isEmpty();
    assertThat(next.inPlace()).containsEntry("shop.Basket", List.of("1 method added"));
    assertThat(call(basket, "count")).as("through the link class the abandoned batch defined").isEqualTo(7);
  }

  private Applied apply(String ledgerSource, String basketSource, String tax, String lines,
      UnaryOperator<RedefinitionPlan> change) throws Exception {
    Path out = compile(ledgerSource, basketSource, tax, lines);
    List<CompiledClass> compiled = new ArrayList<>();
    for (String name : List.of("shop.Ledger", "shop.Basket", "shop.Prices", "shop.Report")) {
      compiled.add(new CompiledClass(name, Files.readAllBytes(out.resolve(name.replace('.', '/') + ".class")),
          null, classes, overlay.directoryFor(classes)));
    }
    CompiledPatch patch = new CompiledPatch(List.of(), compiled, List.of(), "javac", Duration.ZERO, List.of());
    return applier.apply(change.apply(planner.plan(patch)));
  }

  private Path compile(String ledgerSource, String basketSource, String tax, String lines) {
    String name = "v" + version++;
    write(name, "shop/Ledger.java", ledgerSource);
    write(name, "shop/Basket.java", basketSource);
    write(name, "shop/Prices.java", PRICES.replace("TAX", tax));
    Path src = write(name, "shop/Report.java", REPORT.replace("LINES", lines));
    FixtureCompiler.compileTree(CompilerKind.JAVAC, src, directory.resolve(name + "/out"));
    return directory.resolve(name + "/out");
  }

  private Path write(String version, String file, String text) {
    Path src = directory.resolve(version + "/src");
    try {
      Files.createDirectories(src.resolve(file).getParent());
      Files.writeString(src.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return src;
  }

  private Object instance(String name) throws Exception {
    return Class.forName(name, true, loader).getConstructor().newInstance();
  }

  private static String ledger(String body, String members) {
    return LEDGER.replace("BODY", body).replace("MEMBERS", members);
  }

  private static String basket(String body, String members) {
    return BASKET.replace("BODY", body).replace("MEMBERS", members);
  }

  private static Map<String, String> reasons(Applied applied) {
    return applied.refused().stream().collect(Collectors.toMap(RefusedClass::className,
        r -> String.join("; ", r.changes()), (a, b) -> a, LinkedHashMap::new));
  }

  /** The plan with the in-place change of {@code className} defining a companion whose method the verifier refuses. */
  private static RedefinitionPlan corruptCompanion(RedefinitionPlan plan, String className, String method) {
    Map<Class<?>, InPlace.Change> changes = new LinkedHashMap<>();
    plan.inPlace().forEach((type, change) -> {
      if (!type.getName().equals(className)) {
        changes.put(type, change);
        return;
      }
      changes.put(type, Harness.withBrokenCompanion(change, method));
    });
    assertThat(plan.inPlace().keySet().stream().map(Class::getName)).containsExactly("shop.Ledger", className);
    return new RedefinitionPlan(plan.patch(), plan.definitions(), plan.redefinitions(), plan.refused(), plan.added(),
        changes);
  }

  /** The plan with a class file for {@code className} that the planner did not judge (a JVM that refuses it). */
  private static RedefinitionPlan withRedefinition(RedefinitionPlan plan, String className, byte[] bytes) {
    Map<Class<?>, byte[]> redefinitions = new LinkedHashMap<>(plan.redefinitions());
    Class<?> type = redefinitions.keySet().stream().filter(t -> t.getName().equals(className)).findFirst()
        .orElseThrow();
    redefinitions.put(type, bytes);
    return new RedefinitionPlan(plan.patch(), plan.definitions(), redefinitions, plan.refused(), plan.added(),
        plan.inPlace());
  }
}
