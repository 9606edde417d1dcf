package io.github.reloadloop.junit.internal.examine.access;

import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/** Finds the field or method that a class file reference names, as the JVM's resolution would. */
final class Members {

  private Members() {}

  /** The field {@code name} of type {@code descriptor} in {@code owner} or its supertypes, or {@code null}. */
  static Field field(Class<?> owner, String name, String descriptor) {
    for (Class<?> type : supertypes(owner)) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getName().equals(name) && descriptor(field.getType()).equals(descriptor)) {
          return field;
        }
      }
    }
    return null;
  }

  /** The method {@code name} with {@code descriptor} in {@code owner} or its supertypes, or {@code null}. */
  static Method method(Class<?> owner, String name, String descriptor) {
    for (Class<?> type : supertypes(owner)) {
      for (Method method : type.getDeclaredMethods()) {
        if (method.getName().equals(name)
            && MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString()
                .equals(descriptor)) {
          return method;
        }
      }
    }
    return null;
  }

  /** {@code owner}, its superclasses, then its interfaces, breadth first. */
  private static Iterable<Class<?>> supertypes(Class<?> owner) {
    Set<Class<?>> seen = new java.util.LinkedHashSet<>();
    for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
      seen.add(c);
    }
    Deque<Class<?>> queue = new ArrayDeque<>(seen);
    Set<Class<?>> all = new HashSet<>(seen);
    while (!queue.isEmpty()) {
      for (Class<?> implemented : queue.poll().getInterfaces()) {
        if (all.add(implemented)) {
          seen.add(implemented);
          queue.add(implemented);
        }
      }
    }
    return seen;
  }

  private static String descriptor(Class<?> type) {
    return type.descriptorString();
  }
}
