package io.github.reloadloop.core.internal.inplace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A method's code as text, without what does not change what it does: line numbers, local variable names,
 * frames, and the compiler's numbering of the class's own lambdas (a lambda calling another is compared up to
 * which). Two lambdas with the same fingerprint are the same lambda, wherever the compiler numbered them.
 * Pure.
 */
final class Fingerprint {

  private Fingerprint() {}

  /**
   * @param owner the internal name of the method's class
   * @param lambda whether a method name of that class is one of its lambdas
   */
  static String of(MethodNode method, String owner, Predicate<String> lambda) {
    Map<LabelNode, Integer> labels = new HashMap<>();
    for (TryCatchBlockNode block : method.tryCatchBlocks) {
      label(labels, block.start);
      label(labels, block.end);
      label(labels, block.handler);
    }
    Set<LabelNode> targets = targets(method);
    StringBuilder text = new StringBuilder();
    for (AbstractInsnNode node = method.instructions.getFirst(); node != null; node = node.getNext()) {
      if (node instanceof LabelNode label) {
        if (targets.contains(label)) {
          text.append('L').append(label(labels, label)).append(':');
        }
        continue;
      }
      if (node.getOpcode() < 0) {
        continue; // Line numbers and frames.
      }
      text.append(node.getOpcode()).append(' ');
      append(text, node, labels, owner, lambda);
      text.append(';');
    }
    for (TryCatchBlockNode block : method.tryCatchBlocks) {
      text.append("try ").append(label(labels, block.start)).append(' ').append(label(labels, block.end))
          .append(' ').append(label(labels, block.handler)).append(' ').append(block.type).append(';');
    }
    return text.toString();
  }

  private static void append(StringBuilder text, AbstractInsnNode node, Map<LabelNode, Integer> labels,
      String owner, Predicate<String> lambda) {
    if (node instanceof VarInsnNode v) {
      text.append(v.var);
    } else if (node instanceof IntInsnNode v) {
      text.append(v.operand);
    } else if (node instanceof TypeInsnNode t) {
      text.append(t.desc);
    } else if (node instanceof FieldInsnNode f) {
      text.append(f.owner).append('.').append(f.name).append(':').append(f.desc);
    } else if (node instanceof MethodInsnNode m) {
      text.append(m.owner).append('.').append(m.owner.equals(owner) && lambda.test(m.name) ? "λ" : m.name)
          .append(m.desc);
    } else if (node instanceof InvokeDynamicInsnNode d) {
      text.append(d.name).append(d.desc).append(' ').append(constant(d.bsm, owner, lambda));
      Arrays.stream(d.bsmArgs).forEach(a -> text.append(' ').append(constant(a, owner, lambda)));
    } else if (node instanceof JumpInsnNode j) {
      text.append('L').append(label(labels, j.label));
    } else if (node instanceof LdcInsnNode l) {
      text.append(l.cst.getClass().getSimpleName()).append(' ').append(constant(l.cst, owner, lambda));
    } else if (node instanceof IincInsnNode i) {
      text.append(i.var).append(' ').append(i.incr);
    } else if (node instanceof TableSwitchInsnNode t) {
      text.append(t.min).append('-').append(t.max).append(" L").append(label(labels, t.dflt));
      t.labels.forEach(l -> text.append(" L").append(label(labels, l)));
    } else if (node instanceof LookupSwitchInsnNode s) {
      text.append("L").append(label(labels, s.dflt));
      for (int i = 0; i < s.keys.size(); i++) {
        text.append(' ').append(s.keys.get(i)).append(":L").append(label(labels, s.labels.get(i)));
      }
    } else if (node instanceof MultiANewArrayInsnNode m) {
      text.append(m.desc).append(' ').append(m.dims);
    }
  }

  private static String constant(Object value, String owner, Predicate<String> lambda) {
    if (value instanceof Handle h) {
      String name = h.getOwner().equals(owner) && lambda.test(h.getName()) ? "λ" : h.getName();
      return "#" + h.getTag() + " " + h.getOwner() + "." + name + h.getDesc();
    }
    if (value instanceof Type t) {
      return t.getDescriptor();
    }
    return String.valueOf(value);
  }

  /** Labels that a jump, a switch or an exception handler refers to. */
  static Set<LabelNode> targets(MethodNode method) {
    Set<LabelNode> targets = new HashSet<>();
    for (AbstractInsnNode node = method.instructions.getFirst(); node != null; node = node.getNext()) {
      targets.addAll(targets(node));
    }
    method.tryCatchBlocks.forEach(b -> targets.addAll(List.of(b.start, b.end, b.handler)));
    return targets;
  }

  /** Labels that {@code node} jumps to: a jump's label, a switch's cases and default; none for other nodes. */
  static List<LabelNode> targets(AbstractInsnNode node) {
    List<LabelNode> targets = new ArrayList<>();
    if (node instanceof JumpInsnNode jump) {
      targets.add(jump.label);
    } else if (node instanceof TableSwitchInsnNode table) {
      targets.add(table.dflt);
      targets.addAll(table.labels);
    } else if (node instanceof LookupSwitchInsnNode lookup) {
      targets.add(lookup.dflt);
      targets.addAll(lookup.labels);
    }
    return targets;
  }

  private static int label(Map<LabelNode, Integer> labels, LabelNode label) {
    return labels.computeIfAbsent(label, l -> labels.size());
  }
}
