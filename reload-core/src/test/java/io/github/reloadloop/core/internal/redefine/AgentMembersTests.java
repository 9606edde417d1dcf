package io.github.reloadloop.core.internal.redefine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.internal.classfile.ClassShape;
import io.github.reloadloop.core.internal.classfile.ClassShape.Member;
import io.github.reloadloop.core.internal.classfile.ShapeComparison;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.support.FixtureCompiler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class AgentMembersTests {

  private static final String LEDGER = """
      package demo;
      public class Ledger {
        private int total;
        private String owner = "ann";
        public int add(int amount) { total += amount * FACTOR; return total; }
      }
      """;

  @TempDir
  Path work;

  private byte[] compile(String factor) {
    return FixtureCompiler.classBytes(CompilerKind.JAVAC, work, "demo.Ledger", LEDGER.replace("FACTOR", factor));
  }

  /** What an agent like JaCoCo does at load time: a static array field at the end, a static init method. */
  private static byte[] instrument(byte[] original, String... interfaces) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    new ClassReader(original).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] own) {
        String[] all = new String[own.length + interfaces.length];
        System.arraycopy(own, 0, all, 0, own.length);
        System.arraycopy(interfaces, 0, all, own.length, interfaces.length);
        super.visit(version, access, name, signature, superName, all);
      }

      @Override
      public void visitEnd() {
        int synthetic = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        visitField(synthetic | Opcodes.ACC_TRANSIENT, "$agentData", "[Z", null, null).visitEnd();
        MethodVisitor init = visitMethod(synthetic, "$agentInit", "()[Z", null, null);
        init.visitCode();
        init.visitFieldInsn(Opcodes.GETSTATIC, "demo/Ledger", "$agentData", "[Z");
        init.visitInsn(Opcodes.ARETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        super.visitEnd();
      }
    }, 0);
    return writer.toByteArray();
  }

  @Test
  void agentAddedMembers_carryInto_patchKeepsLoadedFieldOrderAndTheAgentsMethodWithItsCode() {
    byte[] original = compile("1");
    byte[] loaded = instrument(original, "java/io/Serializable");
    AgentMembers members = AgentMembers.between(original, loaded);

    byte[] fitted = members.carryInto(compile("2"));

    ClassShape shape = ClassShape.parse(fitted);
    assertThat(shape.fields()).extracting(Member::name).containsExactly("total", "owner", "$agentData");
    assertThat(shape.methods()).extracting(Member::name).contains("add", "$agentInit");
    assertThat(shape.interfaces()).containsExactly("java.io.Serializable");
    assertThat(ShapeComparison.compare(ClassShape.parse(loaded), shape).redefinable()).isTrue();
    assertThat(new ClassReader(fitted).getClassName()).isEqualTo("demo/Ledger");
  }

  @Test
  void fieldNewInThePatch_carryInto_followsTheLoadedFieldsSoTheJvmReportsTheUsersChange() {
    byte[] original = compile("1");
    AgentMembers members = AgentMembers.between(original, instrument(original));

    byte[] fitted = members.carryInto(FixtureCompiler.classBytes(CompilerKind.JAVAC, work, "demo.Ledger",
        LEDGER.replace("FACTOR", "2").replace("private int total;", "private int total;\n  private int count;")));

    assertThat(ClassShape.parse(fitted).fields()).extracting(Member::name)
        .containsExactly("total", "owner", "$agentData", "count");
  }

  @Test
  void nothingAdded_between_noneAndThePatchUnchanged() {
    byte[] original = compile("1");
    byte[] patch = compile("2");

    AgentMembers members = AgentMembers.between(original, original.clone());

    assertThat(members).isSameAs(AgentMembers.NONE);
    assertThat(members.carryInto(patch)).isSameAs(patch);
  }
}
