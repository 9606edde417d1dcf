package io.github.reloadloop.core.internal.inplace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What earlier in-place changes made of one loaded class: the homes of its method bodies, its companion
 * classes (as they run), the entries of its link table, and where its added private fields live. Immutable;
 * each change that is applied gives the next one. Pure.
 *
 * @param name internal name of the class
 * @param prefix internal name that its companions' names start with (unique in its class loader)
 * @param nextNumber the number of the next change (which names what it defines)
 * @param link internal name of its link class, or {@code null} before one was needed
 * @param sites the link table's entries, by index
 * @param staticFields for each added private static field ({@code name:descriptor}), the class holding it
 * @param sideFields added private instance fields ({@code name:descriptor}), kept aside per object, each with
 *     the number of the change that added it (a field removed and added again is another field)
 * @param homes where each method body lives
 * @param companions the class file each companion runs, by internal name
 * @param lastCompiled the compiled class file the class runs as (what the user's sources said last)
 */
record ClassHistory(String name, String prefix, int nextNumber, String link, List<Site> sites,
    Map<String, String> staticFields, Map<String, Integer> sideFields, List<Home> homes, Map<String, byte[]> companions,
    byte[] lastCompiled) {

  private static final Pattern LAMBDA = Pattern.compile("lambda\\$.*");

  ClassHistory {
    sites = List.copyOf(sites);
    staticFields = Map.copyOf(staticFields);
    sideFields = Map.copyOf(sideFields);
    homes = List.copyOf(homes);
    companions = Map.copyOf(companions);
  }

  /**
   * The history of a class that no in-place change has touched yet: each of its methods is its own home.
   *
   * @param running the class file it runs
   * @param prefix internal name its companions' names will start with
   */
  static ClassHistory initial(byte[] running, String prefix) {
    ClassNode node = new ClassNode();
    new ClassReader(running).accept(node, ClassReader.EXPAND_FRAMES);
    List<Home> homes = new ArrayList<>();
    for (MethodNode method : node.methods) {
      if (method.name.equals("<clinit>")) {
        continue;
      }
      boolean lambda = isLambda(method);
      homes.add(new Home(node.name, method.name, method.desc, method.access,
          lambda ? Home.Kind.LAMBDA : Home.Kind.METHOD, method.name, method.desc, method.access,
          lambda ? Fingerprint.of(method, node.name, ClassHistory::isLambdaName) : null));
    }
    return new ClassHistory(node.name, prefix, 1, null, List.of(), Map.of(), Map.of(), homes, Map.of(), running);
  }

  /** Whether the compiler generated this private method for a lambda body (javac and ecj name them so). */
  static boolean isLambda(MethodNode method) {
    return (method.access & Opcodes.ACC_PRIVATE) != 0 && (method.access & Opcodes.ACC_SYNTHETIC) != 0
        && isLambdaName(method.name);
  }

  static boolean isLambdaName(String name) {
    return LAMBDA.matcher(name).matches();
  }

  /**
   * This history after a change that was prepared but not made: the numbers the change took stay taken (what it
   * defined keeps its names), and so does its link class if it defined one, with the entries this history has.
   *
   * @param abandoned the history the change would have led to
   * @param linkDefined whether the change defined its link class
   */
  ClassHistory skipping(ClassHistory abandoned, boolean linkDefined) {
    return new ClassHistory(name, prefix, abandoned.nextNumber(), linkDefined ? abandoned.link() : link, sites,
        staticFields, sideFields, homes, companions, lastCompiled);
  }

  /** Whether any change was made in place so far. */
  boolean changed() {
    return link != null || !companions.isEmpty() || !staticFields.isEmpty() || !sideFields.isEmpty();
  }
}
