package io.github.reloadloop.core.internal.inplace;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;
import java.util.function.Function;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The entries of a link table: for each {@link Site}, a bootstrap handle {@code (Lookup, String,
 * MethodType)CallSite} that the link class calls. Member sites are resolved at once with the changed class's
 * own access, so that a member that is not there fails the change before anything is redefined; lambda sites
 * call the lambda factory with that access when first reached.
 */
final class SiteLinks {

  private static final MethodType BOOTSTRAP = MethodType.methodType(CallSite.class, Lookup.class, String.class,
      MethodType.class);
  private static final MethodHandle LAMBDA;

  static {
    try {
      LAMBDA = MethodHandles.lookup().findStatic(SiteLinks.class, "lambda", MethodType.methodType(CallSite.class,
          Lookup.class, String.class, Object[].class, Lookup.class, String.class, MethodType.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Lookup own;
  private final ClassLoader loader;
  private final Function<String, SideField> sideFields;

  /**
   * @param own a lookup with the full access of the changed class
   * @param sideFields the store of each instance field kept aside, by {@code name:descriptor#change}
   */
  SiteLinks(Lookup own, Function<String, SideField> sideFields) {
    this.own = own;
    this.loader = own.lookupClass().getClassLoader();
    this.sideFields = sideFields;
  }

  /** The bootstrap handle of one site. */
  MethodHandle entry(Site site) throws ReflectiveOperationException {
    if (site.kind() == Site.Kind.LAMBDA) {
      Object[] arguments = site.lambda().subList(1, site.lambda().size()).stream().map(this::constant).toArray();
      return MethodHandles.insertArguments(LAMBDA, 0, own, site.lambda().get(0), arguments);
    }
    MethodType type = MethodType.fromMethodDescriptorString(site.type(), loader);
    CallSite callSite = new ConstantCallSite(target(site).asType(type));
    return MethodHandles.dropArguments(MethodHandles.constant(CallSite.class, callSite), 0,
        BOOTSTRAP.parameterList());
  }

  private MethodHandle target(Site site) throws ReflectiveOperationException {
    Class<?> self = own.lookupClass();
    Class<?> owner = site.kind() == Site.Kind.SIDE_GET || site.kind() == Site.Kind.SIDE_SET ? self : type(site.owner());
    return switch (site.kind()) {
      case GET_FIELD -> own.findGetter(owner, site.name(), fieldType(site.descriptor()));
      case PUT_FIELD -> own.findSetter(owner, site.name(), fieldType(site.descriptor()));
      case GET_STATIC -> own.findStaticGetter(owner, site.name(), fieldType(site.descriptor()));
      case PUT_STATIC -> own.findStaticSetter(owner, site.name(), fieldType(site.descriptor()));
      case VIRTUAL, INTERFACE -> own.findVirtual(owner, site.name(), methodType(site.descriptor()));
      case STATIC -> own.findStatic(owner, site.name(), methodType(site.descriptor()));
      case SPECIAL -> own.findSpecial(owner, site.name(), methodType(site.descriptor()), self);
      case SIDE_GET -> sideFields.apply(site.name() + ":" + site.descriptor() + "#" + site.lambda().get(0)).getter(self,
          fieldType(site.descriptor()));
      case SIDE_SET -> sideFields.apply(site.name() + ":" + site.descriptor() + "#" + site.lambda().get(0)).setter(self,
          fieldType(site.descriptor()));
      case LAMBDA -> throw new IllegalArgumentException("a lambda site has no target");
    };
  }

  /** A bootstrap argument as the JVM would pass it, resolved with the class's access. */
  private Object constant(Object value) {
    try {
      if (value instanceof Type type) {
        return type.getSort() == Type.METHOD ? methodType(type.getDescriptor()) : fieldType(type.getDescriptor());
      }
      if (value instanceof Handle handle) {
        return handle(handle);
      }
      return value;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot resolve " + value + ": " + e.getMessage(), e);
    }
  }

  private MethodHandle handle(Handle handle) throws ReflectiveOperationException {
    Class<?> owner = type(handle.getOwner());
    return switch (handle.getTag()) {
      case Opcodes.H_GETFIELD -> own.findGetter(owner, handle.getName(), fieldType(handle.getDesc()));
      case Opcodes.H_PUTFIELD -> own.findSetter(owner, handle.getName(), fieldType(handle.getDesc()));
      case Opcodes.H_GETSTATIC -> own.findStaticGetter(owner, handle.getName(), fieldType(handle.getDesc()));
      case Opcodes.H_PUTSTATIC -> own.findStaticSetter(owner, handle.getName(), fieldType(handle.getDesc()));
      case Opcodes.H_INVOKESTATIC -> own.findStatic(owner, handle.getName(), methodType(handle.getDesc()));
      case Opcodes.H_INVOKESPECIAL -> own.findSpecial(owner, handle.getName(), methodType(handle.getDesc()),
          own.lookupClass());
      case Opcodes.H_NEWINVOKESPECIAL -> own.findConstructor(owner, methodType(handle.getDesc()));
      default -> own.findVirtual(owner, handle.getName(), methodType(handle.getDesc()));
    };
  }

  private Class<?> type(String internalName) throws ClassNotFoundException {
    return Class.forName(internalName.replace('/', '.'), false, loader);
  }

  private Class<?> fieldType(String descriptor) {
    return MethodType.fromMethodDescriptorString("()" + descriptor, loader).returnType();
  }

  private MethodType methodType(String descriptor) {
    return MethodType.fromMethodDescriptorString(descriptor, loader);
  }

  /**
   * Links a lambda whose body the companion cannot call: the lambda factory, asked with the class's own full
   * access (which a lookup from the companion's module grants), makes the lambda's class a nestmate of the
   * class. Called by the link class on first use.
   */
  private static CallSite lambda(Lookup own, String factory, Object[] arguments, Lookup caller, String name,
      MethodType type) throws Exception {
    Lookup full = MethodHandles.privateLookupIn(own.lookupClass(), caller);
    if (factory.equals("metafactory")) {
      return LambdaMetafactory.metafactory(full, name, type, (MethodType) arguments[0],
          (MethodHandle) arguments[1], (MethodType) arguments[2]);
    }
    return LambdaMetafactory.altMetafactory(full, name, type, arguments);
  }
}
