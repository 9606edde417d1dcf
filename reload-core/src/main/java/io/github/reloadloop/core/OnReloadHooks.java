package io.github.reloadloop.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Runs the {@link OnReload} methods of redefined classes. */
final class OnReloadHooks {

  private static final ThreadLocal<Boolean> RELOADING = ThreadLocal.withInitial(() -> false);

  private OnReloadHooks() {}

  static boolean currentlyReloading() {
    return RELOADING.get();
  }

  static void run(List<Class<?>> redefined, ReloadListener listener) {
    RELOADING.set(true);
    try {
      for (Class<?> type : redefined) {
        Method[] methods;
        try {
          methods = type.getDeclaredMethods();
        } catch (LinkageError e) {
          listener.warning("cannot look for @OnReload methods in " + type.getName() + ": " + e);
          continue;
        }
        for (Method method : methods) {
          if (method.isAnnotationPresent(OnReload.class)) {
            invoke(type, method, listener);
          }
        }
      }
    } finally {
      RELOADING.set(false);
    }
  }

  private static void invoke(Class<?> type, Method method, ReloadListener listener) {
    String name = type.getName() + "." + method.getName() + "(" + Arrays.stream(method.getParameterTypes())
        .map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
    if (!Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0) {
      listener.warning("@OnReload method " + name + " was not run: it must be static and take no parameters");
      return;
    }
    try {
      method.setAccessible(true);
      method.invoke(null);
    } catch (InvocationTargetException e) {
      listener.warning("@OnReload method " + name + " threw " + e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      listener.warning("@OnReload method " + name + " could not be run: " + e);
    }
  }
}
