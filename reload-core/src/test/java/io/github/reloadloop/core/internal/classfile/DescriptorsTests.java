package io.github.reloadloop.core.internal.classfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.classfile.ClassShape.Member;
import org.junit.jupiter.api.Test;

class DescriptorsTests {

  private static Member method(String name, String descriptor) {
    return new Member(name, descriptor, 0, null);
  }

  @Test
  void objectAndPrimitiveParameters_method_writtenAsJava() {
    assertThat(Descriptors.method(method("signed", "(Lacme/Ledger$Entry;IJ)Z")))
        .isEqualTo("method signed(Entry, int, long)");
  }

  @Test
  void arrays_method_keepDimensions() {
    assertThat(Descriptors.method(method("m", "([[Ljava/lang/String;[BDFSCZ)V")))
        .isEqualTo("method m(String[][], byte[], double, float, short, char, boolean)");
  }

  @Test
  void constructorAndInitializer_method_namedAsSuch() {
    assertThat(Descriptors.method(method("<init>", "(Ljava/lang/String;)V"))).isEqualTo("constructor(String)");
    assertThat(Descriptors.method(method("<clinit>", "()V"))).isEqualTo("static initializer");
  }

  @Test
  void javacLambda_method_namesEnclosingMethod() {
    assertThat(Descriptors.method(method("lambda$total$2", "(I)I")))
        .isEqualTo("lambda lambda$total$2 (a lambda in total())");
    assertThat(Descriptors.method(method("lambda$new$0", "()V")))
        .isEqualTo("lambda lambda$new$0 (a lambda in a constructor)");
  }

  @Test
  void ecjLambda_method_namedPlainly() {
    assertThat(Descriptors.method(method("lambda$0", "()V"))).isEqualTo("lambda lambda$0");
  }

  @Test
  void types_type_simpleNames() {
    assertThat(Descriptors.type("Ljava/util/Map$Entry;")).isEqualTo("Entry");
    assertThat(Descriptors.type("[I")).isEqualTo("int[]");
    assertThat(Descriptors.type("V")).isEqualTo("void");
    assertThat(Descriptors.parameterTypes("()V")).isEmpty();
  }

  @Test
  void anonymousAndLocalClasses_simpleName_keepBinarySimpleName() {
    assertThat(Descriptors.simpleName("acme.Ledger$1")).isEqualTo("Ledger$1");
    assertThat(Descriptors.simpleName("acme.Ledger$1Local")).isEqualTo("Ledger$1Local");
    assertThat(Descriptors.simpleName("Top")).isEqualTo("Top");
  }
}
