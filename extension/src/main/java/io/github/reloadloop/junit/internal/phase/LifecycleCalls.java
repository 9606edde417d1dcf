package io.github.reloadloop.junit.internal.phase;

import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The lifecycle method calls of a class or a test as they happen ({@code @BeforeAll}, {@code @AfterEach},
 * {@code @AfterAll}), recorded by the extension's invocation interceptor, so that the exception handler
 * that sees a failure knows which method failed and on which instance, and can call it again. A failure
 * in resolving a method's parameters happens before any interceptor: the method is then the one that
 * JUnit's {@link ParameterResolutionException} names.
 *
 * <p>Threading: the thread that runs the class or test; each call is kept in the store of its context.
 */
public final class LifecycleCalls {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LifecycleCalls.class);

  /**
   * A lifecycle method call.
   *
   * @param annotation {@code BeforeAll}, {@code AfterEach} or {@code AfterAll}
   * @param method the method
   * @param target the instance it is called on, {@code null} for a static method
   * @param arguments the arguments JUnit resolved for it, or {@code null} when resolving them failed
   */
  public record Call(Class<? extends Annotation> annotation, Method method, Object target, List<Object> arguments) {

    /** {@code @BeforeAll seed(DataSource)}, as the console names the phase. */
    public String label() {
      return "@" + annotation.getSimpleName() + " " + signature(method);
    }
  }

  private LifecycleCalls() {}

  /** Records that {@code call} starts in {@code context}: until {@link #ended}, it is the one that fails. */
  public static void started(ExtensionContext context, Call call) {
    context.getStore(NAMESPACE).put(call.annotation(), call);
  }

  /** Records that the call of this kind in {@code context} returned normally. */
  public static void ended(ExtensionContext context, Class<? extends Annotation> annotation) {
    Call call = context.getStore(NAMESPACE).remove(annotation, Call.class);
    if (call != null) {
      endedIn(context, annotation).add(call.method());
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<Method> endedIn(ExtensionContext context, Class<? extends Annotation> annotation) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(annotation.getName() + ".ended",
        key -> new HashSet<Method>(), Set.class);
  }

  /**
   * The call of kind {@code annotation} that failed with {@code failure} in {@code context} (and forgets it):
   * the one started and not ended; else, when resolving its parameters failed (before any interceptor),
   * among the test class's methods of that kind not ended yet in JUnit's order, the one the failure names,
   * or the first; called on {@code target}.
   */
  public static Optional<Call> failed(ExtensionContext context, Class<? extends Annotation> annotation,
      Throwable failure, Class<?> testClass, Object target) {
    Call started = context.getStore(NAMESPACE).remove(annotation, Call.class);
    if (started != null) {
      return Optional.of(started);
    }
    if (!(failure instanceof ParameterResolutionException)) {
      return Optional.empty();
    }
    Set<Method> ended = endedIn(context, annotation);
    // JUnit runs @BeforeAll methods superclass first and the after-methods subclass first, each class's
    // methods in the order that this same search returns them.
    HierarchyTraversalMode order = annotation == BeforeAll.class ? HierarchyTraversalMode.TOP_DOWN
        : HierarchyTraversalMode.BOTTOM_UP;
    List<Method> pending = AnnotationSupport.findAnnotatedMethods(testClass, annotation, order).stream()
        .filter(method -> !ended.contains(method)).toList();
    String message = String.valueOf(failure.getMessage());
    return pending.stream().filter(method -> message.contains("[" + method.toGenericString() + "]")).findFirst()
        .or(() -> pending.stream().findFirst())
        .map(method -> new Call(annotation, method, Modifier.isStatic(method.getModifiers()) ? null : target, null));
  }

  /**
   * Calls {@code call} again, not through the invocation interceptors, whose invocation JUnit allows once:
   * with the arguments JUnit resolved for it, or, when resolving them failed, with its parameters resolved
   * anew through the context's executable invoker (on Jupiter 5.10 that invoker of a class's context sees
   * only the extensions registered for the whole run, not the class's own; 5.11 fixed it). What the method
   * throws comes through as it is.
   */
  public static void callAgain(ExtensionContext context, Call call) throws Throwable {
    Method method = call.method();
    method.setAccessible(true);
    if (call.arguments() == null) {
      context.getExecutableInvoker().invoke(method, call.target());
      return;
    }
    try {
      method.invoke(call.target(), call.arguments().toArray());
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * Whether a lifecycle method whose parameters could not be resolved can be called again with them resolved
   * anew ({@link #callAgain}): from Jupiter 5.11 on, where a class's context's executable invoker sees the
   * class's own extensions. A Jupiter jar without its version in the manifest counts as a newer one.
   */
  public static boolean canResolveAgain() {
    String version = ExtensionContext.class.getPackage().getImplementationVersion();
    if (version == null) {
      return true;
    }
    String[] parts = version.split("[.-]");
    try {
      int major = Integer.parseInt(parts[0]);
      return major > 5 || major == 5 && parts.length > 1 && Integer.parseInt(parts[1]) >= 11;
    } catch (NumberFormatException e) {
      return true; // Not a version this code knows how to read: a build of its own, taken to be recent.
    }
  }

  /** {@code seed(DataSource)}: the method's name and its parameters' simple type names. */
  public static String signature(Executable executable) {
    return executable.getName().substring(executable.getName().lastIndexOf('.') + 1) + "("
        + Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
        + ")";
  }
}
