package io.github.reloadloop.core.internal.redefine;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.security.ProtectionDomain;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Proves on this JVM, once, that {@link LoadedBytes} reads a class without changing it, on a class of its own
 * made for the purpose and defined in a class loader of its own (no class of the program is touched).
 *
 * <p>The probe has a method whose parameter name is kept ({@code MethodParameters}, the attribute JDK 17 and
 * 18 drop when they reconstitute a class file). While it is read, a second retransform-capable transformer,
 * registered before the reader's, marks the probe with {@code @Deprecated}: should the JVM define the probe
 * anew despite the reader's refusal, the mark would show. The read passes when the bytes were handed out, the
 * retransformation was refused, the probe carries no mark and its parameter is still named.
 *
 * <p>Threading: called under {@link AgentAdditions}' lock.
 */
final class ReadCheck {

  private static final String PROBE = "io/github/reloadloop/core/redefine/ReadProbe";
  private static final String PARAMETER = "width";

  /** The outcome: whether reads are safe here, and if not, why. */
  record Result(boolean passed, String why) {}

  private ReadCheck() {}

  static Result run(Instrumentation instrumentation, LoadedBytes reader) {
    if (!instrumentation.isRetransformClassesSupported()) {
      return new Result(false, "this JVM cannot retransform classes");
    }
    Class<?> probe;
    try {
      probe = new ProbeLoader().define(probeBytes());
    } catch (LinkageError e) {
      return new Result(false, "the probe class could not be defined: " + e);
    }
    ClassFileTransformer marker = new Marker(probe);
    instrumentation.addTransformer(marker, true);
    LoadedBytes.Read read;
    try {
      read = reader.read(List.of(probe));
    } finally {
      instrumentation.removeTransformer(marker);
    }
    if (!read.bytes().containsKey(probe)) {
      return new Result(false, "reading a probe class failed: " + read.notRead().get(probe));
    }
    if (probe.isAnnotationPresent(Deprecated.class)) {
      return new Result(false, "the JVM redefined a probe class that was only read");
    }
    if (!parameterKept(probe)) {
      return new Result(false, "reading a probe class dropped its parameter names");
    }
    return new Result(true, "");
  }

  private static boolean parameterKept(Class<?> probe) {
    try {
      Parameter parameter = probe.getMethod("scale", int.class).getParameters()[0];
      return parameter.isNamePresent() && parameter.getName().equals(PARAMETER);
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** {@code public class ReadProbe { public static int scale(int width) { return width; } }}, names kept. */
  private static byte[] probeBytes() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, PROBE, null, "java/lang/Object", null);
    MethodVisitor scale = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "scale", "(I)I", null, null);
    scale.visitParameter(PARAMETER, 0);
    scale.visitCode();
    scale.visitVarInsn(Opcodes.ILOAD, 0);
    scale.visitInsn(Opcodes.IRETURN);
    scale.visitMaxs(0, 0);
    scale.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** A class loader for the probe alone. */
  private static final class ProbeLoader extends ClassLoader {
    ProbeLoader() {
      super(null);
    }

    Class<?> define(byte[] bytes) {
      return defineClass(PROBE.replace('/', '.'), bytes, 0, bytes.length);
    }
  }

  /** Marks the probe with {@code @Deprecated} when it is retransformed: a change that must not stick. */
  private static final class Marker implements ClassFileTransformer {
    private final Class<?> probe;

    Marker(Class<?> probe) {
      this.probe = probe;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain, byte[] classfileBuffer) {
      if (classBeingRedefined != probe) {
        return null;
      }
      ClassWriter writer = new ClassWriter(0);
      new ClassReader(classfileBuffer).accept(new ClassVisitor(Opcodes.ASM9, writer) {
        @Override
        public void visitEnd() {
          visitAnnotation("Ljava/lang/Deprecated;", true).visitEnd();
          super.visitEnd();
        }
      }, 0);
      return writer.toByteArray();
    }
  }
}
