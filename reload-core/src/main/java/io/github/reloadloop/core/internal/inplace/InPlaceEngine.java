package io.github.reloadloop.core.internal.inplace;

import io.github.reloadloop.core.internal.classfile.ClassShape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Decides whether a new version of a loaded class differs from what it runs only in private members, and if
 * so what to apply so that it runs in place: each compiled method body goes to a home (a member the class
 * always had, found by name or, for lambdas, by code; or a static method of a companion), added static fields
 * go to a holder class, added instance fields aside, and the compiled code is rewritten to match. What the
 * rest of the program can see (non-private members, supertypes, modifiers, nest, record components,
 * annotations of added members) must not change. Pure: class files in, class files out.
 */
final class InPlaceEngine {

  /** Class modifiers the JVM compares on redefinition (as {@code ShapeComparison}). */
  private static final int CLASS_MODIFIERS = 0x7631;
  private static final int FIELD_MODIFIERS = 0x50DF;
  private static final int NOT_A_CLASS = Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION | Opcodes.ACC_MODULE;
  private static final int JAVA_8 = 52;

  private InPlaceEngine() {}

  /**
   * @param history what earlier changes made of the class
   * @param running the class file it runs now
   * @param compiled its newly compiled class file
   * @param supertypes internal names of all its supertypes
   * @param shapes the compiled shapes of the classes of its nest, by internal name
   * @throws NotInPlace when the change cannot be made in place, saying why
   */
  static InPlaceEdit plan(ClassHistory history, byte[] running, byte[] compiled, Set<String> supertypes,
      Map<String, ClassShape> shapes) {
    ClassNode n = read(compiled);
    ClassNode r = read(running);
    checkClass(n, r);
    String self = n.name;
    int number = history.nextNumber();
    String companion = history.prefix() + number;
    String holder = history.prefix() + "Statics" + number;
    String link = history.link() != null ? history.link() : history.prefix() + "Link";

    Fields fields = fields(history, n, r, holder);
    Map<MethodNode, Home> destinations = new IdentityHashMap<>();
    List<MethodNode> moved = new ArrayList<>();
    List<MethodNode> lambdas = new ArrayList<>();
    sortMethods(history, n, r, destinations, moved, lambdas);
    Map<MethodNode, String> fingerprints = new IdentityHashMap<>();
    lambdas.forEach(l -> fingerprints.put(l, Fingerprint.of(l, self, ClassHistory::isLambdaName)));
    List<Home> lambdaHomes = history.homes().stream().filter(h -> h.kind() == Home.Kind.LAMBDA).toList();
    Map<MethodNode, Home> matched = LambdaMatcher.match(lambdas, fingerprints, lambdaHomes);
    for (MethodNode lambda : lambdas) {
      if (matched.containsKey(lambda)) {
        destinations.put(lambda, matched.get(lambda));
      } else {
        moved.add(lambda);
      }
    }
    List<Home> created = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (MethodNode method : moved) {
      destinations.put(method, companionHome(history, method, companion, fingerprints.get(method), created, taken));
    }
    Map<String, MethodNode> initializerCode = new LinkedHashMap<>();
    Map<String, Home> initializers = initializers(history, n, fields.side().keySet(), companion, initializerCode,
        created, taken);

    List<Home> homes = homes(history, destinations, fingerprints, initializers, created); // Before renaming.
    Map<String, Home> byCompiled = new LinkedHashMap<>();
    destinations.forEach((method, home) -> byCompiled.put(method.name + method.desc, home));
    String host = r.nestHostClass != null ? r.nestHostClass : self;
    Rewriter rewriter = new Rewriter(self, host, supertypes, byCompiled, fields.holders(), fields.side(), shapes,
        history.sites(), link);

    List<InPlaceEdit.Definition> definitions = new ArrayList<>();
    ClassNode statics = holderClass(n, fields.added(), holder, rewriter);
    Map<String, List<MethodNode>> companionCode = new LinkedHashMap<>();
    Map<String, MethodNode> ownCode = new LinkedHashMap<>();
    destinations.forEach((method, home) -> {
      if (home.owner().equals(self)) {
        rewriter.rewrite(method, false);
        method.name = home.name();
        ownCode.put(home.name() + home.descriptor(), method);
      } else {
        rewriter.rewrite(method, true);
        MethodNode code = Companion.staticForm(method, home, self);
        companionCode.computeIfAbsent(home.owner(), o -> new ArrayList<>()).add(code);
      }
    });
    initializers.forEach((key, home) -> {
      if (home != null) {
        MethodNode code = initializerCode.get(key);
        rewriter.rewrite(code, true);
        code.name = home.name();
        companionCode.computeIfAbsent(home.owner(), o -> new ArrayList<>()).add(code);
      }
    });
    byte[] classFile = Generated.write(rewriteClass(n, r, ownCode));
    Map<String, byte[]> redefinitions = Companion.redefinitions(history.companions(), companionCode);
    Map<String, byte[]> companions = new LinkedHashMap<>(history.companions());
    companions.putAll(redefinitions);
    List<Site> sites = rewriter.sites();
    if (!sites.isEmpty() && history.link() == null) {
      definitions.add(new InPlaceEdit.Definition(link, Generated.write(Generated.link(link, n.version, n.sourceFile)),
          "link"));
    }
    if (statics != null) {
      definitions.add(new InPlaceEdit.Definition(holder, Generated.write(statics), "holder"));
    }
    if (companionCode.containsKey(companion)) {
      byte[] bytes = Generated.write(Generated.holder(companion, n.version, n.sourceFile,
          companionCode.get(companion), List.of()));
      definitions.add(new InPlaceEdit.Definition(companion, bytes, "companion"));
      companions.put(companion, bytes);
    }
    // Every change takes a number (names of what it defines, the fields it sets aside), used or not.
    ClassHistory next = new ClassHistory(self, history.prefix(), number + 1,
        sites.isEmpty() ? history.link() : link, sites, fields.holders(), fields.side(),
        homes, companions, compiled);
    return new InPlaceEdit(classFile, definitions, redefinitions, sites, initializers, next,
        Summary.between(read(history.lastCompiled()), read(compiled)));
  }

  /** Added fields: private static ones to the holder (or the one that has held them), instance ones aside. */
  private record Fields(Map<String, String> holders, List<FieldNode> added, Map<String, Integer> side) {}

  private static Fields fields(ClassHistory history, ClassNode n, ClassNode r, String holder) {
    Map<String, FieldNode> running = new LinkedHashMap<>();
    r.fields.forEach(f -> running.put(f.name + ":" + f.desc, f));
    Map<String, String> holders = new LinkedHashMap<>();
    List<FieldNode> added = new ArrayList<>();
    Map<String, Integer> side = new LinkedHashMap<>();
    for (FieldNode field : n.fields) {
      String key = field.name + ":" + field.desc;
      FieldNode old = running.get(key);
      if (old != null) {
        if (((old.access ^ field.access) & FIELD_MODIFIERS) != 0) {
          throw new NotInPlace("the modifiers of field " + field.name + " changed");
        }
        continue;
      }
      if ((field.access & Opcodes.ACC_PRIVATE) == 0) {
        throw new NotInPlace("field " + Names.field(field.name, field.desc) + " is not private", true);
      }
      if (annotated(field.visibleAnnotations) || annotated(field.visibleTypeAnnotations)) {
        throw new NotInPlace("the added field " + field.name + " has annotations that frameworks may look for");
      }
      if ((field.access & Opcodes.ACC_STATIC) == 0) {
        side.put(key, history.sideFields().getOrDefault(key, history.nextNumber()));
      } else if (history.staticFields().containsKey(key)) {
        holders.put(key, history.staticFields().get(key));
      } else {
        holders.put(key, holder);
        added.add(field);
      }
    }
    Set<String> now = new HashSet<>();
    n.fields.forEach(f -> now.add(f.name + ":" + f.desc));
    for (FieldNode old : r.fields) {
      if (!now.contains(old.name + ":" + old.desc) && (old.access & Opcodes.ACC_PRIVATE) == 0) {
        throw new NotInPlace("field " + Names.field(old.name, old.desc) + " removed, which other classes can see",
            true);
      }
    }
    return new Fields(holders, added, side);
  }

  /** Sorts the compiled methods: those that stay members of the class, those that move, and lambdas. */
  private static void sortMethods(ClassHistory history, ClassNode n, ClassNode r, Map<MethodNode, Home> stay,
      List<MethodNode> moved, List<MethodNode> lambdas) {
    Map<String, MethodNode> running = new LinkedHashMap<>();
    r.methods.forEach(m -> running.put(m.name + m.desc, m));
    Map<String, Home> own = new LinkedHashMap<>();
    history.homes().stream().filter(h -> h.owner().equals(n.name)).forEach(h -> own.put(h.name() + h.descriptor(), h));
    for (MethodNode method : n.methods) {
      String key = method.name + method.desc;
      MethodNode old = running.get(key);
      if (method.name.equals("<clinit>")) {
        continue; // Never runs again; the class keeps the one it ran.
      }
      if (method.name.equals("<init>") && (old == null || old.access != method.access)) {
        throw new NotInPlace(Names.method(method.name, method.desc) + (old == null ? " added" : " changed"), true);
      }
      if (ClassHistory.isLambda(method) && !method.name.equals("<init>")) {
        lambdas.add(method);
      } else if (old != null && old.access == method.access) {
        stay.put(method, own.get(key));
      } else if ((method.access & Opcodes.ACC_PRIVATE) == 0 || old != null && (old.access & Opcodes.ACC_PRIVATE) == 0) {
        throw new NotInPlace((old == null ? "method " + Names.method(method.name, method.desc) + " added"
            : "the modifiers of " + Names.method(method.name, method.desc) + " changed")
            + ", which other classes can see", true);
      } else if ((method.access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) != 0) {
        throw new NotInPlace("the native method " + Names.method(method.name, method.desc));
      } else if (annotated(method.visibleAnnotations) || method.visibleParameterAnnotations != null) {
        throw new NotInPlace("the added method " + Names.method(method.name, method.desc)
            + " has annotations that frameworks may look for");
      } else {
        moved.add(method);
      }
    }
    Set<String> now = new HashSet<>();
    n.methods.forEach(m -> now.add(m.name + m.desc));
    for (MethodNode old : r.methods) {
      if (!now.contains(old.name + old.desc) && (old.access & Opcodes.ACC_PRIVATE) == 0
          && !old.name.equals("<clinit>")) {
        throw new NotInPlace(Names.method(old.name, old.desc) + " removed, which other classes can see", true);
      }
    }
  }

  /** The companion home of a method that moves: the one it had (a named method), or a new one. */
  private static Home companionHome(ClassHistory history, MethodNode method, String companion, String fingerprint,
      List<Home> created, Set<String> taken) {
    boolean lambda = ClassHistory.isLambda(method);
    String source = method.name + method.desc + "/" + method.access;
    if (!lambda) {
      for (Home home : history.homes()) {
        if (home.kind() == Home.Kind.METHOD && !home.owner().equals(history.name()) && home.source().equals(source)) {
          return home;
        }
      }
    }
    String descriptor = Companion.staticDescriptor(method, history.name());
    if (!taken.add(method.name + descriptor)) {
      throw new NotInPlace(Names.method(method.name, method.desc) + " would clash with another method");
    }
    Home home = new Home(companion, method.name, descriptor, Companion.staticAccess(method),
        lambda ? Home.Kind.LAMBDA : Home.Kind.METHOD, method.name, method.desc, method.access, fingerprint);
    created.add(home);
    return home;
  }

  /** The initialiser of each instance field kept aside, with its home; {@code null} for the default value. */
  private static Map<String, Home> initializers(ClassHistory history, ClassNode n, Set<String> side,
      String companion, Map<String, MethodNode> code, List<Home> created, Set<String> taken) {
    Map<String, Home> homes = new LinkedHashMap<>();
    List<MethodNode> constructors = n.methods.stream().filter(m -> m.name.equals("<init>")).toList();
    for (String key : side) {
      FieldNode field = n.fields.stream().filter(f -> key.equals(f.name + ":" + f.desc)).findFirst().orElseThrow();
      MethodNode method = Initializers.ofInstance(constructors, n.name, n.superName, field, "$init$" + field.name);
      if (method == null) {
        homes.put(key, null);
        continue;
      }
      code.put(key, method);
      Home home = history.homes().stream().filter(h -> h.kind() == Home.Kind.INITIALIZER
          && h.sourceName().equals(key) && h.descriptor().equals(method.desc)).findFirst().orElse(null);
      if (home == null) {
        if (!taken.add(method.name + method.desc)) {
          throw new NotInPlace("the initialiser of field " + field.name + " would clash with another method");
        }
        home = new Home(companion, method.name, method.desc, method.access, Home.Kind.INITIALIZER, key, "",
            method.access, null);
        created.add(home);
      }
      homes.put(key, home);
    }
    return homes;
  }

  /** The holder of the static fields added now, whose static initialiser runs their initialisers once. */
  private static ClassNode holderClass(ClassNode n, List<FieldNode> added, String holder, Rewriter rewriter) {
    if (added.isEmpty()) {
      return null;
    }
    MethodNode compiledClinit = n.methods.stream().filter(m -> m.name.equals("<clinit>")).findFirst().orElse(null);
    MethodNode clinit = new MethodNode(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    List<FieldNode> fields = new ArrayList<>();
    for (FieldNode field : added) {
      fields.add(new FieldNode(field.access & ~Opcodes.ACC_PRIVATE, field.name, field.desc, field.signature,
          field.value));
      Initializers.Code code = Initializers.ofStatic(compiledClinit, n.name, field);
      if (code != null) {
        clinit.instructions.add(code.instructions());
        clinit.tryCatchBlocks.addAll(code.handlers());
        clinit.maxStack = Math.max(clinit.maxStack, code.maxStack());
      }
    }
    List<MethodNode> methods = new ArrayList<>();
    if (clinit.instructions.size() > 0) {
      clinit.instructions.add(new InsnNode(Opcodes.RETURN));
      rewriter.rewrite(clinit, true);
      methods.add(clinit);
    }
    return Generated.holder(holder, n.version, n.sourceFile, methods, fields);
  }

  /** The new version with the running version's members: its own bodies where they stay, the rest as they ran. */
  private static ClassNode rewriteClass(ClassNode n, ClassNode r, Map<String, MethodNode> ownCode) {
    Map<String, FieldNode> compiledFields = new LinkedHashMap<>();
    n.fields.forEach(f -> compiledFields.put(f.name + ":" + f.desc, f));
    List<FieldNode> fields = new ArrayList<>();
    r.fields.forEach(f -> fields.add(compiledFields.getOrDefault(f.name + ":" + f.desc, f)));
    List<MethodNode> methods = new ArrayList<>();
    r.methods.forEach(m -> methods.add(ownCode.getOrDefault(m.name + m.desc, m)));
    n.fields = fields;
    n.methods = methods;
    n.nestHostClass = r.nestHostClass;
    n.nestMembers = r.nestMembers;
    return n;
  }

  private static List<Home> homes(ClassHistory history, Map<MethodNode, Home> destinations,
      Map<MethodNode, String> fingerprints, Map<String, Home> initializers, List<Home> created) {
    Map<String, Home> homes = new LinkedHashMap<>();
    history.homes().forEach(h -> homes.put(h.member(), h));
    created.forEach(h -> homes.put(h.member(), h));
    destinations.forEach((method, home) -> homes.put(home.member(),
        home.running(method.name, method.desc, method.access, fingerprints.get(method))));
    initializers.values().stream().filter(Objects::nonNull).forEach(h -> homes.putIfAbsent(h.member(), h));
    return List.copyOf(homes.values());
  }

  private static void checkClass(ClassNode n, ClassNode r) {
    if ((n.access & NOT_A_CLASS) != 0) {
      throw new NotInPlace("it is an interface");
    }
    if ((n.version & 0xFFFF) < JAVA_8) {
      throw new NotInPlace("its class file is older than Java 8");
    }
    if (!Objects.equals(n.superName, r.superName) || !n.interfaces.equals(r.interfaces)
        || ((n.access ^ r.access) & CLASS_MODIFIERS) != 0) {
      throw new NotInPlace("its supertypes or modifiers changed", true);
    }
    if (!Objects.equals(n.nestHostClass, r.nestHostClass)
        || !Set.copyOf(Objects.requireNonNullElse(n.nestMembers, List.<String>of()))
            .equals(Set.copyOf(Objects.requireNonNullElse(r.nestMembers, List.<String>of())))) {
      throw new NotInPlace("its nested classes changed");
    }
    if (!components(n).equals(components(r))
        || !Objects.equals(n.permittedSubclasses, r.permittedSubclasses)) {
      throw new NotInPlace("its record components or permitted subclasses changed", true);
    }
    if (n.methods.stream().anyMatch(m -> m.name.equals("$deserializeLambda$"))) {
      throw new NotInPlace("it has serializable lambdas");
    }
  }

  private static List<String> components(ClassNode node) {
    return node.recordComponents == null ? List.of()
        : node.recordComponents.stream().map(c -> c.name + c.descriptor).toList();
  }

  private static boolean annotated(List<?> annotations) {
    return annotations != null && !annotations.isEmpty();
  }

  static ClassNode read(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.EXPAND_FRAMES);
    return node;
  }

  /** Whether any instruction or handler of a method carries type annotations (dropped when it moves). */
  static void dropTypeAnnotations(MethodNode method) {
    for (AbstractInsnNode node = method.instructions.getFirst(); node != null; node = node.getNext()) {
      node.visibleTypeAnnotations = null;
      node.invisibleTypeAnnotations = null;
    }
    for (TryCatchBlockNode block : method.tryCatchBlocks) {
      block.visibleTypeAnnotations = null;
      block.invisibleTypeAnnotations = null;
    }
  }
}
