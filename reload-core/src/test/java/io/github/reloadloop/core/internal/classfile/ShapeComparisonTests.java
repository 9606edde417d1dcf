package io.github.reloadloop.core.internal.classfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.FixtureCompiler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeComparisonTests {

  @TempDir
  Path work;

  private ShapeComparison.Result compare(String before, String after) {
    return compare(CompilerKind.JAVAC, before, CompilerKind.JAVAC, after, "demo.Ledger");
  }

  private ShapeComparison.Result compare(CompilerKind first, String before, CompilerKind second, String after,
      String className) {
    ClassShape loaded = ClassShape.parse(FixtureCompiler.classBytes(first, work, className, before));
    ClassShape replacement = ClassShape.parse(FixtureCompiler.classBytes(second, work, className, after));
    return ShapeComparison.compare(loaded, replacement);
  }

  private static String ledger(String members) {
    return "package demo;\nimport java.util.List;\npublic class Ledger {\n"
        + "  public static class Entry {}\n" + members + "\n}\n";
  }

  @Test
  void bodyOnlyChange_compare_redefinable() {
    var result = compare(ledger("int total() { return 1; }"), ledger("int total() { return 2 + 40; }"));

    assertThat(result.redefinable()).isTrue();
    assertThat(result.schemaChanges()).isEmpty();
    assertThat(result.onlySynthetic()).isFalse();
    assertThat(result.dependentsAffected()).isFalse();
  }

  @Test
  void methodAdded_compare_namesItInPlainWords() {
    var result = compare(ledger(""), ledger("public boolean signed(Entry e) { return true; }"));

    assertThat(result.redefinable()).isFalse();
    assertThat(result.schemaChanges()).containsExactly("method signed(Entry) added");
    assertThat(result.onlySynthetic()).isFalse();
    assertThat(result.dependentsAffected()).isTrue();
  }

  @Test
  void privateMethodAdded_compare_refusedButDependentsUnaffected() {
    var result = compare(ledger(""), ledger("private int[] rows(List<String> a, long b) { return null; }"));

    assertThat(result.schemaChanges()).containsExactly("method rows(List, long) added");
    assertThat(result.dependentsAffected()).isFalse();
  }

  @Test
  void methodRemoved_compare_namesIt() {
    var result = compare(ledger("public void close(String[][] why) {}"), ledger(""));

    assertThat(result.schemaChanges()).containsExactly("method close(String[][]) removed");
    assertThat(result.dependentsAffected()).isTrue();
  }

  @Test
  void fieldAdded_compare_namesTypeAndName() {
    var result = compare(ledger(""), ledger("private long count;"));

    assertThat(result.schemaChanges()).containsExactly("field long count added");
    assertThat(result.dependentsAffected()).isFalse();
  }

  @Test
  void fieldRemoved_compare_namesIt() {
    var result = compare(ledger("public String name;"), ledger(""));

    assertThat(result.schemaChanges()).containsExactly("field String name removed");
    assertThat(result.dependentsAffected()).isTrue();
  }

  @Test
  void fieldRetyped_compare_namesBothTypes() {
    var result = compare(ledger("int count;"), ledger("long count;"));

    assertThat(result.schemaChanges()).containsExactly("field count changed type from int to long");
  }

  @Test
  void fieldsReordered_compare_refused() {
    var result = compare(ledger("int a; int b;"), ledger("int b; int a;"));

    assertThat(result.schemaChanges()).containsExactly("fields reordered");
    assertThat(result.onlySynthetic()).isFalse();
  }

  @Test
  void fieldModifiersChanged_compare_refused() {
    var result = compare(ledger("int a;"), ledger("volatile int a;"));

    assertThat(result.schemaChanges()).containsExactly("field a changed modifiers");
  }

  @Test
  void methodMadeStatic_compare_modifiersChanged() {
    var result = compare(ledger("int a() { return 1; }"), ledger("static int a() { return 1; }"));

    assertThat(result.schemaChanges()).containsExactly("method a() changed modifiers");
  }

  @Test
  void classMadeFinal_compare_classModifiersChanged() {
    var result = compare(ledger(""), ledger("").replace("public class", "public final class"));

    assertThat(result.schemaChanges()).containsExactly("class modifiers changed");
    assertThat(result.dependentsAffected()).isTrue();
  }

  @Test
  void superclassChanged_compare_namesBoth() {
    var result = compare(ledger(""), ledger("").replace("class Ledger", "class Ledger extends Thread"));

    assertThat(result.schemaChanges()).contains("superclass changed from Object to Thread");
    assertThat(result.dependentsAffected()).isTrue();
  }

  @Test
  void interfaceAdded_compare_namesThem() {
    var result = compare(ledger(""),
        ledger("public void run() {}").replace("class Ledger", "class Ledger implements Runnable"));

    assertThat(result.schemaChanges())
        .contains("implemented interfaces changed from none to Runnable", "method run() added");
  }

  @Test
  void nestedClassAdded_compare_nestMemberNamed() {
    var result = compare(ledger(""), ledger("static class Helper {}"));

    assertThat(result.schemaChanges()).containsExactly("nested class Helper added");
  }

  @Test
  void recordComponentAdded_compare_recordComponentsChanged() {
    var result = compare(CompilerKind.JAVAC, "package demo; public record Point(int x) {}",
        CompilerKind.JAVAC, "package demo; public record Point(int x, int y) {}", "demo.Point");

    assertThat(result.schemaChanges()).contains("record components changed", "field int y added");
    assertThat(result.onlySynthetic()).isFalse();
  }

  @Test
  void lambdaFromOtherCompiler_compare_onlySynthetic() {
    String source = ledger("Runnable r() { return () -> System.out.println(\"x\"); }");

    var result = compare(CompilerKind.JAVAC, source, CompilerKind.ECJ, source, "demo.Ledger");

    assertThat(result.redefinable()).isFalse();
    assertThat(result.onlySynthetic()).isTrue();
    assertThat(result.schemaChanges()).anyMatch(c -> c.startsWith("lambda lambda$r$0 (a lambda in r())"));
    assertThat(result.schemaChanges()).anyMatch(c -> c.startsWith("lambda lambda$0"));
  }

  @Test
  void lambdaAddedSameCompiler_compare_onlySyntheticAndRefused() {
    var result = compare(ledger("Runnable r() { return () -> {}; }"),
        ledger("Runnable r() { Runnable x = () -> {}; return () -> x.run(); }"));

    assertThat(result.redefinable()).isFalse();
    assertThat(result.onlySynthetic()).isTrue();
  }

  @Test
  void constantValueChanged_compare_redefinableButDependentsAffected() {
    var result = compare(ledger("public static final int LIMIT = 5;"), ledger("public static final int LIMIT = 6;"));

    assertThat(result.redefinable()).isTrue();
    assertThat(result.dependentsAffected()).isTrue();
  }

  @Test
  void stringConstantUnchanged_compare_dependentsUnaffected() {
    var result = compare(ledger("static final String NAME = \"a\"; int x() { return 1; }"),
        ledger("static final String NAME = \"a\"; int x() { return 2; }"));

    assertThat(result.dependentsAffected()).isFalse();
  }

  @Test
  void nestMembersInOtherOrder_compare_redefinable() {
    ClassShape loaded = ClassShape.parse(FixtureCompiler.classBytes(CompilerKind.JAVAC, work, "demo.Ledger",
        ledger("static class Helper {}")));
    java.util.List<String> reversed = new java.util.ArrayList<>(loaded.nestMembers());
    java.util.Collections.reverse(reversed);
    assertThat(reversed).hasSize(2).isNotEqualTo(loaded.nestMembers());
    ClassShape replacement = new ClassShape(loaded.name(), loaded.majorVersion(), loaded.access(),
        loaded.superName(), loaded.interfaces(), loaded.fields(), loaded.methods(), loaded.nestHost(), reversed,
        loaded.recordComponents(), loaded.permittedSubclasses(), loaded.hasMethodParameters());

    assertThat(ShapeComparison.compare(loaded, replacement).redefinable()).isTrue();
  }
}
