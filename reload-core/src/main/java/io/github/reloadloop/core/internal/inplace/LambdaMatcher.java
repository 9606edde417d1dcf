package io.github.reloadloop.core.internal.inplace;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.tree.MethodNode;

/**
 * Finds, for each lambda body of a new version of a class, the home its earlier version ran in. The compiler
 * numbers lambdas in order of appearance ({@code lambda$total$0} with javac, {@code lambda$0} with ecj), so
 * adding one renumbers those after it: a lambda is found first by its code, and only then, within a method
 * where as many lambdas are unmatched on both sides (bodies edited, none added or removed), by its name, as a
 * body-only redefinition would. A lambda found neither way gets a new home, and an object created from the
 * lambda that used to be there keeps running the code it ran. Pure.
 */
final class LambdaMatcher {

  private static final Pattern JAVAC = Pattern.compile("lambda\\$(.*)\\$\\d+");

  private LambdaMatcher() {}

  /**
   * @param lambdas the new version's lambda methods, in order
   * @param fingerprints each one's {@link Fingerprint}
   * @param homes the homes of lambda bodies so far
   * @return the home of each lambda that has one (the others are new)
   */
  static Map<MethodNode, Home> match(List<MethodNode> lambdas, Map<MethodNode, String> fingerprints,
      List<Home> homes) {
    Map<MethodNode, Home> found = new IdentityHashMap<>();
    List<Home> free = new ArrayList<>(homes);
    for (MethodNode lambda : lambdas) {
      Home same = null;
      for (Home home : free) {
        if (fits(lambda, home) && fingerprints.get(lambda).equals(home.fingerprint())
            && (same == null || home.sourceName().equals(lambda.name))) {
          same = home;
        }
      }
      if (same != null) {
        found.put(lambda, same);
        free.remove(same);
      }
    }
    Map<String, List<MethodNode>> unmatched = new LinkedHashMap<>();
    lambdas.stream().filter(l -> !found.containsKey(l))
        .forEach(l -> unmatched.computeIfAbsent(group(l.name), g -> new ArrayList<>()).add(l));
    unmatched.forEach((group, left) -> {
      List<Home> candidates = free.stream().filter(h -> group(h.sourceName()).equals(group)).toList();
      if (candidates.size() != left.size()) {
        return; // Lambdas added or removed here: names no longer say which is which.
      }
      for (MethodNode lambda : left) {
        candidates.stream().filter(h -> h.sourceName().equals(lambda.name) && fits(lambda, h) && free.contains(h))
            .findFirst().ifPresent(h -> {
              found.put(lambda, h);
              free.remove(h);
            });
      }
    });
    return found;
  }

  /** A home can take a lambda compiled with the same descriptor and modifiers as the one it ran. */
  private static boolean fits(MethodNode lambda, Home home) {
    return lambda.desc.equals(home.sourceDescriptor()) && lambda.access == home.sourceAccess();
  }

  /** The method a javac lambda is in; ecj's names do not say, so all of a class's lambdas are one group. */
  static String group(String name) {
    Matcher javac = JAVAC.matcher(name);
    return javac.matches() ? javac.group(1) : "";
  }
}
