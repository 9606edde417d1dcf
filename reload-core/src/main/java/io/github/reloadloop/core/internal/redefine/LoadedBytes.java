package io.github.reloadloop.core.internal.redefine;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the class file of loaded classes as the JVM runs them, after other agents' load-time
 * transformations, <em>without changing them</em>.
 *
 * <p>The JVM hands out a loaded class's bytes only through a retransformation, and a retransformation is not
 * a read: the JVM defines the class again from whatever its transformers return. Where it kept no copy of the
 * loaded bytes (no retransform-capable agent changed the class at load time) it first <em>reconstitutes</em>
 * a class file from its own structures, and on some JDKs that file lacks attributes the class had: on JDK 17
 * and 18 the {@code MethodParameters} attribute (JDK-8240908), so that a class that was only "read" answers
 * {@code arg0} to {@code Method.getParameters()} from then on, and Spring MVC can no longer bind a
 * {@code @PathVariable int id} by name. So the transformer here records the bytes it is shown and returns in
 * their place bytes that are not a class file: the JVM refuses the retransformation with a
 * {@link ClassFormatError} before it changes anything, and the class keeps running exactly as it was
 * defined. One class per retransformation: the JVM stops calling transformers at the first refusal of a
 * batch, so a batch would be read only up to its first class.
 *
 * <p>The transformer is registered last, and only while {@link #read} runs, so it sees the output of every
 * other transformer: one that is not retransform-capable (JaCoCo's) is not called again on retransformation,
 * the JVM reuses its output; retransform-capable ones (Mockito's inline mock maker, once it has mocked
 * something) run again, as on any retransformation, and their output is refused with the rest. It refuses
 * only the retransformation its own thread asked for, of the class being read: another agent's
 * retransformation of that class on another thread meanwhile goes ahead untouched.
 *
 * <p>Before the first read in a JVM, {@link ReadCheck} proves on a class of its own that a refused
 * retransformation leaves the class unchanged on this JVM; where it does not, nothing is read.
 *
 * <p>Threading: {@link #read} is synchronized; the transformer may be called on any thread.
 */
final class LoadedBytes implements ClassFileTransformer {

  /** Returned for the class being read: four zero bytes, no class file (an empty array would mean "no change"). */
  private static final byte[] NOT_A_CLASS_FILE = new byte[4];

  private final Instrumentation instrumentation;
  private volatile Class<?> reading;
  private volatile Thread reader;
  private volatile byte[] seen;

  /** What a read gives: the bytes of each class read, and why each other class was not read. */
  record Read(Map<Class<?>, byte[]> bytes, Map<Class<?>, String> notRead) {}

  LoadedBytes(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
  }

  /**
   * The running class file of each class, read without redefining it.
   *
   * @return the bytes of each class read, and for each class that was not (the JVM cannot retransform it, or
   *     refused for another reason), why
   */
  synchronized Read read(Collection<Class<?>> classes) {
    Map<Class<?>, byte[]> bytes = new LinkedHashMap<>();
    Map<Class<?>, String> notRead = new LinkedHashMap<>();
    if (!instrumentation.isRetransformClassesSupported()) {
      classes.forEach(type -> notRead.put(type, "this JVM cannot retransform classes"));
      return new Read(bytes, notRead);
    }
    instrumentation.addTransformer(this, true);
    try {
      for (Class<?> type : classes) {
        if (!instrumentation.isModifiableClass(type)) {
          notRead.put(type, "the JVM cannot retransform it");
          continue;
        }
        byte[] read = readOne(type);
        if (read != null) {
          bytes.put(type, read);
        } else {
          notRead.put(type, "the JVM did not hand out its bytes");
        }
      }
    } finally {
      instrumentation.removeTransformer(this);
    }
    return new Read(bytes, notRead);
  }

  private byte[] readOne(Class<?> type) {
    seen = null;
    reader = Thread.currentThread();
    reading = type;
    try {
      instrumentation.retransformClasses(type);
      // Not refused: the JVM called no transformer of ours for it, so it defined the class from the bytes as
      // they were (ReadCheck proved on this JVM that this does not happen; nothing can be undone here).
      return null;
    } catch (ClassFormatError refused) {
      return seen; // The refusal this class asked for: the class is as it was.
    } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
      return null; // Refused before the transformer ran (or by the JVM for its own reasons): nothing changed.
    } finally {
      reading = null;
      reader = null;
    }
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (classBeingRedefined == null || classBeingRedefined != reading || Thread.currentThread() != reader) {
      return null;
    }
    seen = classfileBuffer.clone();
    return NOT_A_CLASS_FILE.clone();
  }
}
