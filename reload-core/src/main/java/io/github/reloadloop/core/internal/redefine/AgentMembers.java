package io.github.reloadloop.core.internal.redefine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The members that other agents added to a class when it was loaded: present in the class as the JVM runs
 * it, absent from the class file it was defined from. JaCoCo adds {@code $jacocoData} and
 * {@code $jacocoInit} (or, for class files of Java 11 and later, only a {@code $jacocoInit} bootstrap
 * method) and, to an interface without one, a static initialiser; APM agents add fields. A patch compiled
 * from source lacks them, and the JVM refuses a redefinition that deletes members, so they are carried into
 * the patch: fields in the loaded order, methods with their code, interfaces. The patched methods themselves
 * carry no probes or advice of the agent unless the agent transforms redefinitions too (Mockito does).
 * Pure: no JVM state involved.
 */
final class AgentMembers {

  /** No member was added: patches are redefined as compiled. */
  static final AgentMembers NONE = new AgentMembers(List.of(), List.of(), List.of(), List.of());

  private final List<FieldNode> loadedFields;
  private final List<FieldNode> fields;
  private final List<MethodNode> methods;
  private final List<String> interfaces;

  private AgentMembers(List<FieldNode> loadedFields, List<FieldNode> fields, List<MethodNode> methods,
      List<String> interfaces) {
    this.loadedFields = loadedFields;
    this.fields = fields;
    this.methods = methods;
    this.interfaces = interfaces;
  }

  /**
   * What {@code loaded} has that {@code original} has not.
   *
   * @param original the class file the class was defined from (or last redefined with)
   * @param loaded the class as the JVM runs it, after other agents' transformations
   */
  static AgentMembers between(byte[] original, byte[] loaded) {
    ClassNode before = read(original);
    ClassNode after = read(loaded);
    Set<String> knownFields = new LinkedHashSet<>();
    before.fields.forEach(f -> knownFields.add(f.name + f.desc));
    Set<String> knownMethods = new LinkedHashSet<>();
    before.methods.forEach(m -> knownMethods.add(m.name + m.desc));
    List<FieldNode> fields = after.fields.stream().filter(f -> !knownFields.contains(f.name + f.desc)).toList();
    List<MethodNode> methods = after.methods.stream().filter(m -> !knownMethods.contains(m.name + m.desc)).toList();
    List<String> interfaces = after.interfaces.stream().filter(i -> !before.interfaces.contains(i)).toList();
    if (fields.isEmpty() && methods.isEmpty() && interfaces.isEmpty()) {
      return NONE;
    }
    return new AgentMembers(List.copyOf(after.fields), fields, methods, interfaces);
  }

  boolean isEmpty() {
    return fields.isEmpty() && methods.isEmpty() && interfaces.isEmpty();
  }

  /**
   * The patch with the added members carried in; the patch itself when nothing was added. Fields keep the
   * order of the loaded class (the JVM compares fields in order), fields new in the patch follow them.
   */
  byte[] carryInto(byte[] patch) {
    if (isEmpty()) {
      return patch;
    }
    ClassNode node = read(patch);
    List<FieldNode> merged = new ArrayList<>();
    for (FieldNode field : loadedFields) {
      FieldNode own = find(node.fields, field);
      if (own != null) {
        merged.add(own);
      } else if (fields.contains(field)) {
        merged.add(field);
      }
    }
    node.fields.stream().filter(f -> !merged.contains(f)).forEach(merged::add);
    node.fields = merged;
    for (MethodNode method : methods) {
      if (node.methods.stream().noneMatch(m -> m.name.equals(method.name) && m.desc.equals(method.desc))) {
        node.methods.add(method);
      }
    }
    interfaces.stream().filter(i -> !node.interfaces.contains(i)).forEach(node.interfaces::add);
    // Frames are copied as they are, so no class needs to be loaded to compute them.
    ClassWriter writer = new ClassWriter(0);
    node.accept(writer);
    return writer.toByteArray();
  }

  private static FieldNode find(List<FieldNode> in, FieldNode like) {
    return in.stream().filter(f -> f.name.equals(like.name) && f.desc.equals(like.desc)).findFirst().orElse(null);
  }

  private static ClassNode read(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    return node;
  }
}
