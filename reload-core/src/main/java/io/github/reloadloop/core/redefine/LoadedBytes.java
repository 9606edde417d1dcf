package io.github.reloadloop.core.redefine;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the class file of loaded classes as the JVM runs them, after other agents' load-time
 * transformations: a retransform-capable transformer, registered on first use, that only records what it
 * is shown while {@link #capture} retransforms the classes asked for, and changes nothing. A transformer
 * that is not retransform-capable (JaCoCo's) is not called again on retransformation; the JVM reuses its
 * earlier output, so the instrumented bytes reach this one. Retransform-capable transformers registered
 * before this one (Mockito's inline mock maker, once it has mocked something) run again, as they do on any
 * retransformation.
 *
 * <p>Threading: {@link #capture} is synchronized; the transformer may be called on any thread and only
 * records classes of the capture in progress.
 */
final class LoadedBytes implements ClassFileTransformer {

  private final Instrumentation instrumentation;
  private final Map<Class<?>, byte[]> captured = new ConcurrentHashMap<>();
  private volatile Set<Class<?>> wanted = Set.of();
  private boolean registered;

  LoadedBytes(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
  }

  /**
   * The running class file of each class that could be retransformed; classes the JVM cannot retransform
   * (or a JVM without retransformation) are left out.
   */
  synchronized Map<Class<?>, byte[]> capture(Collection<Class<?>> classes) {
    if (!instrumentation.isRetransformClassesSupported()) {
      return Map.of();
    }
    List<Class<?>> modifiable = classes.stream().filter(instrumentation::isModifiableClass).distinct().toList();
    if (modifiable.isEmpty()) {
      return Map.of();
    }
    if (!registered) {
      instrumentation.addTransformer(this, true);
      registered = true;
    }
    captured.clear();
    wanted = Set.copyOf(modifiable);
    try {
      retransform(modifiable);
      return Map.copyOf(captured);
    } finally {
      wanted = Set.of();
      captured.clear();
    }
  }

  private void retransform(List<Class<?>> classes) {
    try {
      instrumentation.retransformClasses(classes.toArray(Class<?>[]::new));
    } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
      if (classes.size() > 1) {
        classes.forEach(type -> retransform(List.of(type)));
      }
      // A single class the JVM will not retransform is left out: its patch is redefined as compiled,
      // and the JVM has the last word.
    }
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (classBeingRedefined != null && wanted.contains(classBeingRedefined)) {
      captured.put(classBeingRedefined, classfileBuffer.clone());
    }
    return null;
  }
}
