package io.github.reloadloop.core.internal.redefine;

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
 * transformations: a retransform-capable transformer, registered only while {@link #capture} retransforms
 * the classes asked for, that records what it is shown and changes nothing. Registered last, it sees the
 * output of every other transformer: one that is not retransform-capable (JaCoCo's) is not called again on
 * retransformation, the JVM reuses its earlier output; retransform-capable ones (Mockito's inline mock
 * maker, once it has mocked something) run again, as they do on any retransformation. Between captures no
 * transformer of the reloader is registered, so class loading elsewhere pays nothing for it.
 *
 * <p>Threading: {@link #capture} is synchronized; the transformer may be called on any thread and only
 * records classes of the capture in progress.
 */
final class LoadedBytes implements ClassFileTransformer {

  private final Instrumentation instrumentation;
  private final Map<Class<?>, byte[]> captured = new ConcurrentHashMap<>();
  private volatile Set<Class<?>> wanted = Set.of();

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
    captured.clear();
    wanted = Set.copyOf(modifiable);
    instrumentation.addTransformer(this, true);
    try {
      retransform(modifiable);
      return Map.copyOf(captured);
    } finally {
      instrumentation.removeTransformer(this);
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
