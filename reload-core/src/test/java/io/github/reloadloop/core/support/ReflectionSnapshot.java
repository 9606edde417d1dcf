package io.github.reloadloop.core.support;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What reflection tells about a class, as text, one line per fact: modifiers, generic signatures, annotations
 * on the class, its methods, constructors, parameters (names, whether present, modifiers), fields, record
 * components and annotated types, sealed and nest relations, enclosing class. Two snapshots of a class compare
 * equal when nothing a framework reads by reflection changed. Members are sorted by their generic string, so
 * the JVM's member order does not matter.
 */
public final class ReflectionSnapshot {

  private ReflectionSnapshot() {}

  public static String of(Class<?> type) {
    StringBuilder text = new StringBuilder();
    line(text, "class " + Modifier.toString(type.getModifiers()) + " " + type.getName()
        + Arrays.toString(type.getTypeParameters()) + " extends " + type.getGenericSuperclass()
        + " implements " + Arrays.toString(type.getGenericInterfaces()) + annotations(type));
    line(text, "  annotated supertypes " + annotatedTypes(type.getAnnotatedInterfaces())
        + (type.getAnnotatedSuperclass() == null ? "" : " " + annotatedType(type.getAnnotatedSuperclass())));
    line(text, "  nest " + type.getNestHost().getName() + " " + names(type.getNestMembers())
        + " enclosing " + type.getEnclosingClass() + " declaring " + type.getDeclaringClass()
        + " simple " + type.getSimpleName());
    if (type.isSealed()) {
      line(text, "  permits " + names(type.getPermittedSubclasses()));
    }
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        line(text, "  component " + component.getGenericType() + " " + component.getName()
            + annotations(component) + " " + annotatedType(component.getAnnotatedType())
            + " accessor " + component.getAccessor().getName());
      }
    }
    if (type.isEnum()) {
      line(text, "  constants " + Arrays.toString(type.getEnumConstants()));
    }
    sorted(type.getDeclaredFields(), Field::toGenericString).forEach(field -> line(text,
        "  field " + field.toGenericString() + annotations(field) + " " + annotatedType(field.getAnnotatedType())
            + (field.isSynthetic() ? " synthetic" : "") + (field.isEnumConstant() ? " constant" : "")));
    sorted(type.getDeclaredConstructors(), Constructor::toGenericString).forEach(c -> executable(text, c));
    sorted(type.getDeclaredMethods(), Method::toGenericString).forEach(m -> executable(text, m));
    return text.toString();
  }

  /** The snapshots of several classes, in the order given. */
  public static String of(List<Class<?>> types) {
    return types.stream().map(ReflectionSnapshot::of).collect(Collectors.joining());
  }

  private static void executable(StringBuilder text, Executable executable) {
    String defaultValue = executable instanceof Method method && method.getDefaultValue() != null
        ? " default " + Arrays.deepToString(new Object[] {method.getDefaultValue()}) : "";
    line(text, "  " + executable.toGenericString() + annotations(executable) + defaultValue
        + (executable.isSynthetic() ? " synthetic" : "") + (executable.isVarArgs() ? " varargs" : "")
        + (executable instanceof Method method && method.isBridge() ? " bridge" : "")
        + " returns " + annotatedType(executable.getAnnotatedReturnType())
        + " throws " + annotatedTypes(executable.getAnnotatedExceptionTypes()));
    for (Parameter parameter : executable.getParameters()) {
      line(text, "    parameter " + Modifier.toString(parameter.getModifiers()) + " " + parameter.getName()
          + (parameter.isNamePresent() ? " (named)" : " (no name)") + (parameter.isImplicit() ? " implicit" : "")
          + (parameter.isSynthetic() ? " synthetic" : "") + annotations(parameter) + " "
          + annotatedType(parameter.getAnnotatedType()));
    }
  }

  private static <T> List<T> sorted(T[] members, java.util.function.Function<T, String> key) {
    return Arrays.stream(members).sorted(Comparator.comparing(key)).toList();
  }

  private static String annotations(AnnotatedElement element) {
    return " @" + Arrays.toString(element.getDeclaredAnnotations());
  }

  private static String annotatedType(AnnotatedType type) {
    return type == null ? "-" : type.toString() + Arrays.toString(type.getDeclaredAnnotations());
  }

  private static String annotatedTypes(AnnotatedType[] types) {
    return Arrays.stream(types).map(ReflectionSnapshot::annotatedType).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String names(Class<?>[] types) {
    return Arrays.stream(types).map(Class::getName).sorted().toList().toString();
  }

  private static void line(StringBuilder text, String line) {
    text.append(line).append('\n');
  }
}
