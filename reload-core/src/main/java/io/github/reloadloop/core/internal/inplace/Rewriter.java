package io.github.reloadloop.core.internal.inplace;

import io.github.reloadloop.core.internal.classfile.ClassShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrites the compiled code of a changed class to the places its members have now: a call of a method that
 * lives in a companion calls that static method, an added static field is its holder's, an added instance
 * field is read and written through the link table, and a lambda whose body moved or was renamed points at
 * its home. In a companion's code, which has the access of a class of the same package but not of the class
 * itself, every use of a member of the class's nest or of a supertype links through the link table with the
 * class's own access. Pure; what cannot be expressed this way throws {@link NotInPlace}.
 */
final class Rewriter {

  private static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";
  private static final int FLAG_SERIALIZABLE = 1;

  private final String self;
  private final String host;
  private final Set<String> supertypes;
  private final Map<String, Home> destinations;
  private final Map<String, String> holders;
  private final Map<String, Integer> side;
  private final Map<String, ClassShape> shapes;
  private final List<Site> sites;
  private final String link;

  /**
   * @param self internal name of the class
   * @param host internal name of its nest host (itself when it is one)
   * @param supertypes internal names of all its supertypes
   * @param destinations the home of each compiled method, by name and descriptor
   * @param holders the class holding each added static field, by {@code name:descriptor}
   * @param side added instance fields kept aside, by {@code name:descriptor}, with the change that added each
   * @param shapes the compiled shape of each class of the nest, by internal name
   * @param sites the link table so far, to which new sites are added
   * @param link internal name of the link class
   */
  Rewriter(String self, String host, Set<String> supertypes, Map<String, Home> destinations,
      Map<String, String> holders, Map<String, Integer> side, Map<String, ClassShape> shapes, List<Site> sites,
      String link) {
    this.self = self;
    this.host = host;
    this.supertypes = supertypes;
    this.destinations = destinations;
    this.holders = holders;
    this.side = side;
    this.shapes = shapes;
    this.sites = new ArrayList<>(sites);
    this.link = link;
  }

  /** The link table with every site added by the rewrites so far. */
  List<Site> sites() {
    return List.copyOf(sites);
  }

  /**
   * Rewrites a method's code in place.
   *
   * @param companion whether the code runs in a companion (else in the class itself)
   */
  void rewrite(MethodNode method, boolean companion) {
    for (AbstractInsnNode node = method.instructions.getFirst(); node != null; node = node.getNext()) {
      AbstractInsnNode replacement = null;
      if (node instanceof FieldInsnNode field) {
        replacement = field(field, companion);
      } else if (node instanceof MethodInsnNode call) {
        replacement = call(call, companion, method);
      } else if (node instanceof InvokeDynamicInsnNode dynamic) {
        replacement = dynamic(dynamic, companion);
      } else if (node instanceof LdcInsnNode constant) {
        check(constant.cst, companion);
      }
      if (replacement != null) {
        method.instructions.set(node, replacement);
        node = replacement;
      }
    }
  }

  private AbstractInsnNode field(FieldInsnNode field, boolean companion) {
    String key = field.name + ":" + field.desc;
    boolean own = field.owner.equals(self);
    if (own && holders.containsKey(key)) {
      field.owner = holders.get(key);
      return null;
    }
    int op = field.getOpcode();
    if (own && side.containsKey(key)) {
      List<Object> store = List.of(side.get(key));
      return op == Opcodes.GETFIELD
          ? link(new Site(Site.Kind.SIDE_GET, field.owner, field.name, field.desc, "(L" + self + ";)" + field.desc,
              store), field.name, "(L" + self + ";)" + field.desc)
          : link(new Site(Site.Kind.SIDE_SET, field.owner, field.name, field.desc,
              "(L" + self + ";" + field.desc + ")V", store), field.name, "(L" + self + ";" + field.desc + ")V");
    }
    if (!companion || !linked(field.owner)) {
      return null;
    }
    return switch (op) {
      case Opcodes.GETFIELD -> site(Site.Kind.GET_FIELD, field.owner, field.name, field.desc,
          "(L" + field.owner + ";)" + field.desc);
      case Opcodes.PUTFIELD -> site(Site.Kind.PUT_FIELD, field.owner, field.name, field.desc,
          "(L" + field.owner + ";" + field.desc + ")V");
      case Opcodes.GETSTATIC -> site(Site.Kind.GET_STATIC, field.owner, field.name, field.desc, "()" + field.desc);
      default -> site(Site.Kind.PUT_STATIC, field.owner, field.name, field.desc, "(" + field.desc + ")V");
    };
  }

  private AbstractInsnNode call(MethodInsnNode call, boolean companion, MethodNode in) {
    if (call.name.equals("<init>")) {
      if (companion && nest(call.owner) && privateConstructor(call.owner, call.desc)) {
        throw new NotInPlace(Names.method(in.name, in.desc) + " calls a private constructor of "
            + Names.simple(call.owner));
      }
      return null;
    }
    String name = call.name;
    String descriptor = call.desc;
    if (call.owner.equals(self)) {
      Home home = destinations.get(call.name + call.desc);
      if (home != null && !home.owner().equals(self)) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, home.owner(), home.name(), home.descriptor(), false);
      }
      if (home != null) {
        name = home.name();
        descriptor = home.descriptor();
        call.name = name;
      }
    }
    if (!companion || !linked(call.owner)) {
      return null;
    }
    String receiver = "(L" + call.owner + ";" + descriptor.substring(1);
    return switch (call.getOpcode()) {
      case Opcodes.INVOKESTATIC -> site(Site.Kind.STATIC, call.owner, name, descriptor, descriptor);
      case Opcodes.INVOKEINTERFACE -> site(Site.Kind.INTERFACE, call.owner, name, descriptor, receiver);
      case Opcodes.INVOKESPECIAL -> site(Site.Kind.SPECIAL, call.owner, name, descriptor, receiver);
      default -> site(Site.Kind.VIRTUAL, call.owner, name, descriptor, receiver);
    };
  }

  private AbstractInsnNode dynamic(InvokeDynamicInsnNode dynamic, boolean companion) {
    if (nest(dynamic.bsm.getOwner())) {
      throw new NotInPlace("a call site uses a bootstrap method of " + Names.simple(dynamic.bsm.getOwner()));
    }
    boolean lambda = dynamic.bsm.getOwner().equals(LAMBDA_FACTORY);
    if (lambda && dynamic.bsm.getName().equals("altMetafactory") && dynamic.bsmArgs.length > 3
        && dynamic.bsmArgs[3] instanceof Integer flags && (flags & FLAG_SERIALIZABLE) != 0) {
      throw new NotInPlace("a serializable lambda");
    }
    Object[] arguments = dynamic.bsmArgs.clone();
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i] instanceof Handle handle && handle.getOwner().equals(self)) {
        Home home = destinations.get(handle.getName() + handle.getDesc());
        if (home != null && !home.owner().equals(self)) {
          if (!lambda || handle.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
            throw new NotInPlace("a method handle to " + Names.method(handle.getName(), handle.getDesc()));
          }
          arguments[i] = new Handle(Opcodes.H_INVOKESTATIC, home.owner(), home.name(), home.descriptor(), false);
        } else if (home != null) {
          arguments[i] = new Handle(handle.getTag(), self, home.name(), home.descriptor(), handle.isInterface());
        }
      }
    }
    dynamic.bsmArgs = arguments;
    if (!companion) {
      return null;
    }
    boolean reachesNest = Arrays.stream(arguments).anyMatch(a -> a instanceof Handle h && nest(h.getOwner()));
    if (reachesNest && lambda) {
      List<Object> call = new ArrayList<>();
      call.add(dynamic.bsm.getName());
      call.addAll(Arrays.asList(arguments));
      return link(new Site(Site.Kind.LAMBDA, self, dynamic.name, "", dynamic.desc, call), dynamic.name,
          dynamic.desc);
    }
    if (reachesNest) {
      throw new NotInPlace("a call site with a method handle to a private member");
    }
    return null;
  }

  private void check(Object constant, boolean companion) {
    Home home = constant instanceof Handle handle && handle.getOwner().equals(self)
        ? destinations.get(handle.getName() + handle.getDesc()) : null;
    if (home != null && !home.owner().equals(self)) {
      Handle handle = (Handle) constant;
      throw new NotInPlace("a method handle constant to " + Names.method(handle.getName(), handle.getDesc()));
    }
    if (companion && (constant instanceof Handle other && nest(other.getOwner())
        || constant instanceof ConstantDynamic)) {
      throw new NotInPlace("a constant that needs the access of " + Names.simple(self));
    }
  }

  private InvokeDynamicInsnNode site(Site.Kind kind, String owner, String name, String descriptor, String type) {
    return link(new Site(kind, owner, name, descriptor, type, null), name, type);
  }

  private InvokeDynamicInsnNode link(Site site, String name, String type) {
    int index = -1;
    for (int i = 0; i < sites.size() && index < 0; i++) {
      if (sites.get(i).key().equals(site.key())) {
        index = i;
      }
    }
    if (index < 0) {
      sites.add(site);
      index = sites.size() - 1;
    }
    return new InvokeDynamicInsnNode(name, type, Site.bootstrap(link), index);
  }

  /** Whether a companion needs the class's own access to use members of this class. */
  private boolean linked(String owner) {
    return nest(owner) || supertypes.contains(owner);
  }

  /** Whether a class is of the class's nest (its companions, named after it, are not). */
  private boolean nest(String owner) {
    return owner.equals(self) || owner.equals(host)
        || owner.startsWith(host + "$") && !owner.contains(InPlace.COMPANION_MARK);
  }

  private boolean privateConstructor(String owner, String descriptor) {
    ClassShape shape = shapes.get(owner);
    if (shape == null) {
      return true; // Not compiled with the class: its constructor's access is unknown.
    }
    return shape.methods().stream().anyMatch(m -> m.name().equals("<init>") && m.descriptor().equals(descriptor)
        && (m.access() & Opcodes.ACC_PRIVATE) != 0);
  }
}
