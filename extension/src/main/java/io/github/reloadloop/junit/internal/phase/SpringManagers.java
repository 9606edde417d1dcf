package io.github.reloadloop.junit.internal.phase;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Spring's test context managers of a failed test's classes, lent to the loop's nested runs while that
 * failure is at the console, as Jupiter would reuse them for another test of the class. Spring's extension
 * keeps one {@code TestContextManager} per test class in the launcher run's root store; a rerun is a launcher
 * run of its own, so without a loan Spring builds the manager again at each rerun: the bootstrapper, the merged
 * configuration (Spring Boot's search for {@code @SpringBootConfiguration}, the context customizers: the
 * context cache's key), the listeners; 13 ms on a warm JVM, 0.3 s right after a reload on a busy machine, and
 * Spring Boot's four INFO lines at each rerun. The application context itself comes from Spring's cache
 * either way.
 *
 * <p>A manager is made to be shared by threads: each thread works on a copy of the manager's pristine test
 * context (Spring runs a class's test methods in parallel this way), so a rerun on its own thread leaves the
 * failed test's context alone. The listeners are shared too, and a rerun calls their class callbacks again
 * while the failed test's class is still open; so a manager is lent only when all its listeners are Spring's
 * own, which keep what they know of a class in its test context. With any other listener the rerun builds a
 * manager of its own, as before. A nested run finds the loan through its configuration parameter
 * {@value #KEY}.
 *
 * <p>Threading: the failed test's thread lends and takes back; the nested runs' threads borrow.
 */
public final class SpringManagers implements AutoCloseable {

  /** Configuration parameter of the loop's nested runs: the id of the loans they borrow from. */
  public static final String KEY = "reload.loop.spring-managers";
  private static final String MANAGER = "org.springframework.test.context.TestContextManager";
  private static final String SPRING = "org.springframework.";
  private static final Map<String, SpringManagers> OPEN = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final Map<Class<?>, Object> lent = new ConcurrentHashMap<>();

  private SpringManagers() {}

  /** Opens the loans of a session; {@link #close} ends them. */
  public static SpringManagers open() {
    SpringManagers managers = new SpringManagers();
    OPEN.put(managers.id, managers);
    return managers;
  }

  public String id() {
    return id;
  }

  /**
   * Lends the managers that Spring's extension made in {@code context}'s run for its test class and the
   * classes that enclose it, those that can be lent.
   */
  public void lend(ExtensionContext context) {
    for (ExtensionContext at = context; at != null; at = at.getParent().orElse(null)) {
      Class<?> testClass = at.getTestClass().orElse(null);
      if (testClass == null || at.getTestMethod().isPresent() || lent.containsKey(testClass)
          || !SpringContexts.takePart(testClass, at)) {
        continue;
      }
      Object manager = store(context, testClass).map(store -> store.get(testClass)).orElse(null);
      if (manager != null && lendable(manager)) {
        lent.put(testClass, manager);
      }
    }
  }

  /** Takes back what {@link #lend} lent for {@code context}: its failure's loop is over. */
  public void takeBack(ExtensionContext context) {
    for (ExtensionContext at = context; at != null; at = at.getParent().orElse(null)) {
      at.getTestClass().ifPresent(lent::remove);
    }
  }

  /**
   * In one of the loop's nested runs, at a class before Spring's extension takes part in it (its execution
   * condition comes before any extension's {@code beforeAll}): puts the manager lent for the class where
   * Spring's extension looks for it. A class of a fresh class loader is another class, lent nothing.
   */
  public static void borrowIfNested(ExtensionContext context) {
    if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
      return;
    }
    Class<?> testClass = context.getTestClass().get();
    context.getConfigurationParameter(KEY).map(OPEN::get).map(managers -> managers.lent.get(testClass))
        .ifPresent(manager -> store(context, testClass)
            .ifPresent(store -> store.getOrComputeIfAbsent(testClass, type -> manager)));
  }

  /** Where Spring's extension keeps the manager of {@code testClass}: its run's root store, by class. */
  private static Optional<ExtensionContext.Store> store(ExtensionContext context, Class<?> testClass) {
    try {
      Class<?> extension = Class.forName(SpringContexts.EXTENSION, false, testClass.getClassLoader());
      return Optional.of(context.getRoot().getStore(ExtensionContext.Namespace.create(extension)));
    } catch (ClassNotFoundException e) {
      return Optional.empty(); // Spring's extension is not visible from the class: nothing to lend.
    }
  }

  /** A Spring {@code TestContextManager} whose listeners are all Spring's own. */
  private static boolean lendable(Object manager) {
    if (!isManager(manager.getClass())) {
      return false;
    }
    try {
      List<?> listeners = (List<?>) manager.getClass().getMethod("getTestExecutionListeners").invoke(manager);
      return listeners.stream().allMatch(listener -> listener.getClass().getName().startsWith(SPRING));
    } catch (ReflectiveOperationException | ClassCastException e) {
      return false; // Not the manager this was written for: the rerun builds its own.
    }
  }

  private static boolean isManager(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(MANAGER)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    OPEN.remove(id);
    lent.clear();
  }
}
