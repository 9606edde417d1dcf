package io.github.reloadloop.junit.internal.examine.access;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans and defines the bridges of one batch of snippet classes: for each access that the JVM would refuse
 * from the test's package (a private member, a protected or package-private member of another package, a
 * member of a class that is not public in another package), a static method whose body calls a method
 * handle obtained with deep reflection. Like a debugger's "evaluate expression", snippets are not held to
 * access modifiers.
 */
final class Bridges implements SnippetRewriter.Planner {

  private final MethodHandles.Lookup packageLookup;
  private final String bridgeClass;
  private final List<String> descriptors = new ArrayList<>();
  private final List<MethodHandle> handles = new ArrayList<>();

  /**
   * @param packageLookup a lookup with package access in the package the snippets run in
   * @param bridgeClass the internal name of this batch's bridge class, in that package
   */
  Bridges(MethodHandles.Lookup packageLookup, String bridgeClass) {
    this.packageLookup = packageLookup;
    this.bridgeClass = bridgeClass;
  }

  @Override
  public SnippetRewriter.BridgeMethod bridgeFor(SnippetRewriter.Access access) {
    ClassLoader loader = packageLookup.lookupClass().getClassLoader();
    Class<?> owner;
    try {
      owner = Class.forName(access.owner().replace('/', '.'), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null; // The JVM reports the missing class when the snippet runs.
    }
    boolean isField = access.opcode() <= Bytecode.PUTFIELD;
    Member member = isField ? Members.field(owner, access.name(), access.descriptor())
        : Members.method(owner, access.name(), access.descriptor());
    if (member == null || (accessible(owner) && accessible(member))) {
      return null;
    }
    String descriptor = bridgeDescriptor(access);
    MethodHandle handle;
    try {
      handle = handle(member, access.opcode()).asType(MethodType.fromMethodDescriptorString(descriptor, loader));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // Not reachable even with deep reflection (a module's encapsulation): the JVM says so.
    }
    descriptors.add(descriptor);
    handles.add(handle);
    return new SnippetRewriter.BridgeMethod(bridgeClass, "b" + (descriptors.size() - 1), descriptor);
  }

  /** Whether the batch needs a bridge class. */
  boolean isEmpty() {
    return descriptors.isEmpty();
  }

  /** Defines the bridge class and hands it its method handles; call before the snippets are defined. */
  void define() throws IllegalAccessException, NoSuchFieldException {
    Class<?> bridges = packageLookup.defineClass(BridgeClassWriter.write(bridgeClass, descriptors));
    for (int i = 0; i < handles.size(); i++) {
      bridges.getField("h" + i).set(null, handles.get(i));
    }
  }

  private MethodHandle handle(Member member, int opcode) throws IllegalAccessException {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    if (member instanceof Field field) {
      field.setAccessible(true);
      boolean write = opcode == Bytecode.PUTFIELD || opcode == Bytecode.PUTSTATIC;
      return write ? lookup.unreflectSetter(field) : lookup.unreflectGetter(field);
    }
    Method method = (Method) member;
    method.setAccessible(true);
    return lookup.unreflect(method);
  }

  /** The static method that has the same stack effect as the instruction. */
  private static String bridgeDescriptor(SnippetRewriter.Access access) {
    String receiver = "L" + access.owner() + ";";
    return switch (access.opcode()) {
      case Bytecode.GETFIELD -> "(" + receiver + ")" + access.descriptor();
      case Bytecode.PUTFIELD -> "(" + receiver + access.descriptor() + ")V";
      case Bytecode.GETSTATIC -> "()" + access.descriptor();
      case Bytecode.PUTSTATIC -> "(" + access.descriptor() + ")V";
      case Bytecode.INVOKESTATIC -> access.descriptor();
      default -> "(" + receiver + access.descriptor().substring(1);
    };
  }

  private boolean accessible(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    return element.isPrimitive() || Modifier.isPublic(element.getModifiers()) || samePackage(element);
  }

  /** JVMS 5.4.4 for a class that is not a subclass: public, or not private and in the same runtime package. */
  private boolean accessible(Member member) {
    int modifiers = member.getModifiers();
    return Modifier.isPublic(modifiers) || !Modifier.isPrivate(modifiers) && samePackage(member.getDeclaringClass());
  }

  private boolean samePackage(Class<?> type) {
    Class<?> anchor = packageLookup.lookupClass();
    return type.getClassLoader() == anchor.getClassLoader() && type.getPackageName().equals(anchor.getPackageName());
  }
}
