package io.github.reloadloop.core.internal.inplace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What an in-place change did to a class's private members, counted the way a reload line shows it
 * ({@code 1 method added, 2 lambdas added}), between the version the class ran and the new one. A member
 * whose name stays and whose descriptor changes counts as a changed signature. Pure.
 */
final class Summary {

  private Summary() {}

  static List<String> between(ClassNode before, ClassNode after) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    methods(before, after, counts);
    fields(before, after, counts);
    List<String> phrases = new ArrayList<>();
    counts.forEach((what, n) -> {
      String[] words = what.split(" ", 2);
      phrases.add(n + " " + words[0] + (n == 1 ? "" : "s") + " " + words[1]);
    });
    return phrases;
  }

  private static void methods(ClassNode before, ClassNode after, Map<String, Integer> counts) {
    Set<String> old = before.methods.stream().map(m -> m.name + m.desc).collect(Collectors.toSet());
    Set<String> now = after.methods.stream().map(m -> m.name + m.desc).collect(Collectors.toSet());
    Set<String> oldNames = before.methods.stream().filter(m -> !ClassHistory.isLambda(m)).map(m -> m.name)
        .collect(Collectors.toSet());
    Set<String> nowNames = after.methods.stream().filter(m -> !ClassHistory.isLambda(m)).map(m -> m.name)
        .collect(Collectors.toSet());
    long oldLambdas = before.methods.stream().filter(ClassHistory::isLambda).count();
    long nowLambdas = after.methods.stream().filter(ClassHistory::isLambda).count();
    for (MethodNode method : after.methods) {
      if (!ClassHistory.isLambda(method) && !old.contains(method.name + method.desc)
          && !method.name.equals("<clinit>")) {
        add(counts, oldNames.contains(method.name) ? "signature changed" : "method added");
      }
    }
    for (MethodNode method : before.methods) {
      if (!ClassHistory.isLambda(method) && !now.contains(method.name + method.desc)
          && !nowNames.contains(method.name) && !method.name.equals("<clinit>")) {
        add(counts, "method removed");
      }
    }
    if (nowLambdas > oldLambdas) {
      counts.put("lambda added", (int) (nowLambdas - oldLambdas));
    } else if (nowLambdas < oldLambdas) {
      counts.put("lambda removed", (int) (oldLambdas - nowLambdas));
    }
  }

  private static void fields(ClassNode before, ClassNode after, Map<String, Integer> counts) {
    Set<String> old = before.fields.stream().map(f -> f.name + ":" + f.desc).collect(Collectors.toSet());
    Set<String> now = after.fields.stream().map(f -> f.name + ":" + f.desc).collect(Collectors.toSet());
    for (FieldNode field : after.fields) {
      if (!old.contains(field.name + ":" + field.desc)) {
        add(counts, "field added");
      }
    }
    for (FieldNode field : before.fields) {
      if (!now.contains(field.name + ":" + field.desc)) {
        add(counts, "field removed");
      }
    }
  }

  private static void add(Map<String, Integer> counts, String what) {
    counts.merge(what, 1, Integer::sum);
  }
}
