package io.github.reloadloop.core.internal.inplace;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.classfile.ClassShape;
import io.github.reloadloop.core.internal.classfile.ShapeComparison;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.FixtureCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/** The pure planning: class files in, class files out, no JVM state. */
class InPlaceEngineTests {

  @TempDir
  Path work;

  private byte[] compile(String source) {
    return FixtureCompiler.classBytes(CompilerKind.JAVAC, work, "shop.Ledger", source);
  }

  private static final String V1 = """
      package shop;
      import java.util.function.*;
      public class Ledger {
        private int base = 40;
        private final Supplier<String> name = () -> "ledger";
        public int total() { IntUnaryOperator twice = x -> 2 * x; return twice.applyAsInt(base); }
      }
      """;

  private static final String V2 = """
      package shop;
      import java.util.function.*;
      public class Ledger {
        private int base = 40;
        private int hits = 3;
        private static final java.util.List<String> SEEN = new java.util.ArrayList<>();
        private final Supplier<String> name = () -> "ledger";
        public int total() { IntSupplier extra = () -> hits; IntUnaryOperator twice = x -> 2 * x;
          return twice.applyAsInt(base) + plus(extra.getAsInt()); }
        private int plus(int n) { SEEN.add("x"); return n; }
      }
      """;

  private InPlaceEdit plan(byte[] running, byte[] compiled) {
    return InPlaceEngine.plan(ClassHistory.initial(running, "shop/Ledger$$Reload"), running, compiled,
        Set.of("java/lang/Object"), Map.of("shop/Ledger", ClassShape.parse(compiled)));
  }

  @Test
  void rewrittenClass_keepsTheRunningShape() {
    byte[] running = compile(V1);
    InPlaceEdit edit = plan(running, compile(V2));

    ShapeComparison.Result result = ShapeComparison.compare(ClassShape.parse(running),
        ClassShape.parse(edit.classFile()));
    assertThat(result.schemaChanges()).isEmpty();
    assertThat(edit.changes()).containsExactly("1 method added", "1 lambda added", "2 fields added");
  }

  @Test
  void addedMembers_goToACompanionAHolderAndAside_underTheirOwnNames() {
    InPlaceEdit edit = plan(compile(V1), compile(V2));

    assertThat(edit.definitions()).extracting(InPlaceEdit.Definition::role)
        .containsExactly("link", "holder", "companion");
    ClassNode companion = InPlaceEngine.read(edit.definitions().get(2).bytes());
    assertThat(companion.name).isEqualTo("shop/Ledger$$Reload1");
    assertThat(companion.sourceFile).isEqualTo("Ledger.java");
    assertThat(companion.methods).extracting(m -> m.name + m.desc)
        .contains("plus(Lshop/Ledger;I)I", "$init$hits(Lshop/Ledger;)I")
        .anyMatch(m -> m.startsWith("lambda$total$") && m.endsWith("(Lshop/Ledger;)I"));
    ClassNode holder = InPlaceEngine.read(edit.definitions().get(1).bytes());
    assertThat(holder.fields).extracting(f -> f.name + ":" + f.desc).containsExactly("SEEN:Ljava/util/List;");
    assertThat(holder.methods).extracting(m -> m.name).containsExactly("<clinit>");
    assertThat(edit.next().sideFields()).containsOnlyKeys("hits:I");
    assertThat(edit.initializers().get("hits:I").name()).isEqualTo("$init$hits");
  }

  @Test
  void renumberedLambda_keepsItsHome_newOneMovesOut() {
    byte[] running = compile(V1);
    InPlaceEdit edit = plan(running, compile(V2));
    List<String> lambdas = InPlaceEngine.read(running).methods.stream().filter(ClassHistory::isLambda)
        .map(m -> m.name).toList();

    assertThat(edit.next().homes()).filteredOn(h -> h.kind() == Home.Kind.LAMBDA && h.owner().equals("shop/Ledger"))
        .extracting(Home::name).containsExactlyInAnyOrderElementsOf(lambdas);
    Home twice = edit.next().homes().stream().filter(h -> h.owner().equals("shop/Ledger")
        && h.kind() == Home.Kind.LAMBDA && h.descriptor().equals("(I)I")).findFirst().orElseThrow();
    MethodNode kept = InPlaceEngine.read(edit.classFile()).methods.stream()
        .filter(m -> m.name.equals(twice.name()) && m.desc.equals("(I)I")).findFirst().orElseThrow();
    assertThat(Fingerprint.of(kept, "shop/Ledger", ClassHistory::isLambdaName)).contains("104 "); // imul
    assertThat(edit.next().homes()).filteredOn(h -> h.kind() == Home.Kind.LAMBDA && !h.owner().equals("shop/Ledger"))
        .singleElement().satisfies(h -> assertThat(h.descriptor()).isEqualTo("(Lshop/Ledger;)I"));
  }

  @Test
  void sameVersionAgain_changesNoCompanion() {
    byte[] running = compile(V1);
    byte[] v2 = compile(V2);
    InPlaceEdit first = plan(running, v2);
    InPlaceEdit again = InPlaceEngine.plan(first.next(), first.classFile(), v2, Set.of("java/lang/Object"),
        Map.of("shop/Ledger", ClassShape.parse(v2)));

    assertThat(again.definitions()).isEmpty();
    assertThat(again.redefinitions()).isEmpty();
    assertThat(again.changes()).isEmpty();
  }

  @Test
  void staticInitialiser_takenOutWithItsBranches_notTheStatementsAround() {
    byte[] bytes = compile("""
        package shop;
        public class Ledger {
          static int before;
          static { before = 1; System.getProperty("x"); }
          private static final int LIMIT = Boolean.getBoolean("big") ? 100 : 10;
          static { before = 2; }
        }
        """);
    ClassNode node = InPlaceEngine.read(bytes);
    MethodNode clinit = node.methods.stream().filter(m -> m.name.equals("<clinit>")).findFirst().orElseThrow();
    FieldNode limit = node.fields.stream().filter(f -> f.name.equals("LIMIT")).findFirst().orElseThrow();

    Initializers.Code code = Initializers.ofStatic(clinit, "shop/Ledger", limit);
    String text = text(code.instructions());
    assertThat(text).contains("getBoolean").contains("PUTSTATIC shop/Ledger.LIMIT").doesNotContain("getProperty")
        .doesNotContain("before");
  }

  @Test
  void instanceInitialiser_foundAfterTheSuperCall_butNotAnAssignmentFromAParameter() {
    byte[] bytes = compile("""
        package shop;
        public class Ledger {
          private int hits = Integer.parseInt("3") + 1;
          private String owner;
          public Ledger(String owner) { this.owner = owner; }
        }
        """);
    ClassNode node = InPlaceEngine.read(bytes);
    List<MethodNode> constructors = node.methods.stream().filter(m -> m.name.equals("<init>")).toList();
    FieldNode hits = node.fields.get(0);
    FieldNode owner = node.fields.get(1);

    MethodNode initializer = Initializers.ofInstance(constructors, "shop/Ledger", "java/lang/Object", hits, "init");
    assertThat(initializer.desc).isEqualTo("(Lshop/Ledger;)I");
    assertThat(text(initializer.instructions)).contains("parseInt").contains("IRETURN").doesNotContain("PUTFIELD");
    assertThat(Initializers.ofInstance(constructors, "shop/Ledger", "java/lang/Object", owner, "init")).isNull();
  }

  @Test
  void summary_countsWhatChangedSinceTheLastVersion() {
    ClassNode before = InPlaceEngine.read(compile(V1));
    ClassNode after = InPlaceEngine.read(compile(V2));
    assertThat(Summary.between(before, after)).containsExactly("1 method added", "1 lambda added", "2 fields added");
    assertThat(Summary.between(after, before)).containsExactly("1 method removed", "1 lambda removed",
        "2 fields removed");
  }

  /** The calls, field stores and returns of some code, as text. */
  private static String text(org.objectweb.asm.tree.InsnList instructions) {
    StringBuilder text = new StringBuilder();
    for (var node : instructions) {
      if (node instanceof org.objectweb.asm.tree.MethodInsnNode call) {
        text.append(call.name).append(' ');
      } else if (node instanceof org.objectweb.asm.tree.FieldInsnNode field) {
        String op = field.getOpcode() == org.objectweb.asm.Opcodes.PUTSTATIC ? "PUTSTATIC"
            : field.getOpcode() == org.objectweb.asm.Opcodes.PUTFIELD ? "PUTFIELD" : "GET";
        text.append(op).append(' ').append(field.owner).append('.').append(field.name).append(' ');
      } else if (node.getOpcode() == org.objectweb.asm.Opcodes.IRETURN) {
        text.append("IRETURN ");
      }
    }
    return text.toString();
  }
}
