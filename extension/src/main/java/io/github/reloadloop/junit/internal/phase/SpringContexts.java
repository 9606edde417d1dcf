package io.github.reloadloop.junit.internal.phase;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Spring's test context of a test class, loaded before its instance is made, so that a context that will not
 * start stops the loop at a phase of its own and is loaded again once fixed. Spring's test framework is used
 * reflectively, and only when Spring's JUnit extension takes part in the class; nothing here is loaded
 * otherwise. What it relies on, all public in Spring Framework 5.3 to 7.0:
 * <ul>
 *   <li>{@code SpringExtension.getApplicationContext(ExtensionContext)}: the context as the extension would
 *       load it for the class (its own {@code TestContextManager}, Spring's context cache);</li>
 *   <li>a new {@code TestContextManager(Class)} whose {@code TestContext.getApplicationContext()} loads it
 *       through the same cache. Since 6.1 Spring counts failures per context key and, once a key has failed
 *       {@value #THRESHOLD} times (1 by default), throws at once instead of trying again; the threshold is
 *       read from {@code SpringProperties} when a {@code TestContextManager} is built. So a new attempt is
 *       made with a manager built while that property is raised; a context that then starts goes into the
 *       cache, where the class's own manager finds it.</li>
 * </ul>
 *
 * <p>Threading: the thread that makes the test instance; building a manager with the raised threshold is
 * serialised, and restores the property at once.
 */
public final class SpringContexts {

  static final String EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";
  static final String THRESHOLD = "spring.test.context.failure.threshold";
  private static final String PROPERTIES = "org.springframework.core.SpringProperties";
  private static final String MANAGER = "org.springframework.test.context.TestContextManager";
  private static final String TEST_CONTEXT = "org.springframework.test.context.TestContext";
  private static final String FAIL_FAST = "ApplicationContext failure threshold";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SpringContexts.class);
  private static final Object RAISED_THRESHOLD = new Object();

  private SpringContexts() {}

  /**
   * Whether Spring's JUnit extension takes part in {@code testClass}: declared with {@code @ExtendWith},
   * directly or through an annotation ({@code @SpringBootTest}, {@code @SpringJUnitConfig}), on it, a
   * superclass or an enclosing class of a {@code @Nested} class, or registered in a field. Kept per class in
   * {@code context}'s store.
   */
  public static boolean takePart(Class<?> testClass, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(testClass,
        type -> declared((Class<?>) type), Boolean.class);
  }

  private static boolean declared(Class<?> testClass) {
    for (Class<?> type = testClass; type != null;
        type = Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass()) {
      for (ExtendWith extendWith : AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class)) {
        for (Class<?> extension : extendWith.value()) {
          if (isSpringExtension(extension)) {
            return true;
          }
        }
      }
      for (Field field : AnnotationSupport.findAnnotatedFields(type, RegisterExtension.class, f -> true,
          HierarchyTraversalMode.TOP_DOWN)) {
        if (isSpringExtension(field.getType())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSpringExtension(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(EXTENSION)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Loads the context of {@code context}'s test class as Spring's extension would (from Spring's cache when
   * it is there); if Spring refuses to try because the context's key failed before, makes a new attempt.
   * Throws what Spring throws when the context does not start.
   */
  public static void load(ExtensionContext context) throws Throwable {
    Class<?> extension = Class.forName(EXTENSION, false, context.getRequiredTestClass().getClassLoader());
    try {
      call(extension.getMethod("getApplicationContext", ExtensionContext.class), null, context);
    } catch (IllegalStateException e) {
      if (!failedFast(e)) {
        throw e;
      }
      loadAnew(context.getRequiredTestClass());
    }
  }

  /**
   * Loads the context of {@code testClass} in a new attempt, even where Spring would refuse one because
   * the context's key failed before: through a new {@code TestContextManager} built with the failure
   * threshold raised. A context that starts goes into Spring's cache.
   */
  public static void loadAnew(Class<?> testClass) throws Throwable {
    ClassLoader loader = testClass.getClassLoader();
    Class<?> properties = Class.forName(PROPERTIES, false, loader);
    Method get = properties.getMethod("getProperty", String.class);
    Method set = properties.getMethod("setProperty", String.class, String.class);
    Object manager;
    synchronized (RAISED_THRESHOLD) {
      Object previous = call(get, null, THRESHOLD);
      call(set, null, THRESHOLD, Integer.toString(Integer.MAX_VALUE));
      try {
        manager = construct(Class.forName(MANAGER, false, loader).getConstructor(Class.class), testClass);
      } finally {
        call(set, null, THRESHOLD, previous);
      }
    }
    Object testContext = call(manager.getClass().getMethod("getTestContext"), manager);
    call(Class.forName(TEST_CONTEXT, false, loader).getMethod("getApplicationContext"), testContext);
  }

  /** Whether {@code failure} is Spring's refusal to try again a context whose key failed before. */
  public static boolean failedFast(Throwable failure) {
    return failure instanceof IllegalStateException && failure.getMessage() != null
        && failure.getMessage().startsWith(FAIL_FAST);
  }

  /** Whether {@code failure} is, or is caused by, Spring's failure to load a test's application context. */
  public static boolean isContextFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IllegalStateException && t.getMessage() != null
          && (t.getMessage().startsWith("Failed to load ApplicationContext") || failedFast(t))) {
        return true;
      }
    }
    return false;
  }

  private static Object call(Method method, Object target, Object... arguments) throws Throwable {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object construct(java.lang.reflect.Constructor<?> constructor, Object argument) throws Throwable {
    try {
      return constructor.newInstance(argument);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
