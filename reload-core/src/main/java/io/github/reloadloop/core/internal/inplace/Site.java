package io.github.reloadloop.core.internal.inplace;

import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;

/**
 * One {@code invokedynamic} call site that the rewritten code links through the class's link class: access to
 * a member the companion class cannot reach by itself (a private member of the class or its nest, a protected
 * or {@code super} member of a supertype), a private instance field kept aside, or a lambda whose body is a
 * private member of the class. Call sites with the same site share one entry of the link table.
 *
 * @param kind what the site does
 * @param owner internal name of the member's class
 * @param name the member's name
 * @param descriptor the member's descriptor (a field's type, a method's descriptor)
 * @param type the call site's method type descriptor
 * @param lambda for {@link Kind#LAMBDA}: the bootstrap method's name and arguments, as ASM constants; for a
 *     field kept aside: the number of the change that added it
 */
record Site(Kind kind, String owner, String name, String descriptor, String type, List<Object> lambda) {

  /** What a site does. */
  enum Kind { GET_FIELD, PUT_FIELD, GET_STATIC, PUT_STATIC, VIRTUAL, INTERFACE, STATIC, SPECIAL, SIDE_GET,
    SIDE_SET, LAMBDA }

  Site {
    lambda = lambda == null ? List.of() : List.copyOf(lambda);
  }

  /** The bootstrap method of every site: {@code link(Lookup, String, MethodType, int)} of the link class. */
  static final String LINK_DESCRIPTOR = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
      + "Ljava/lang/invoke/MethodType;I)Ljava/lang/invoke/CallSite;";

  /** The bootstrap handle of a link class. */
  static Handle bootstrap(String linkClass) {
    return new Handle(org.objectweb.asm.Opcodes.H_INVOKESTATIC, linkClass, "link", LINK_DESCRIPTOR, false);
  }

  /** The site's key in the link table: equal sites are one entry. */
  String key() {
    StringBuilder key = new StringBuilder().append(kind).append(' ').append(owner).append('.').append(name)
        .append(descriptor).append(' ').append(type);
    for (Object constant : lambda) {
      key.append(' ').append(constant instanceof Handle h ? h.getTag() + h.getOwner() + "." + h.getName()
          + h.getDesc() : constant instanceof Type t ? t.getDescriptor() : String.valueOf(constant));
    }
    return key.toString();
  }
}
