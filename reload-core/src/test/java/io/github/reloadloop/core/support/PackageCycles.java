package io.github.reloadloop.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Which packages of compiled classes depend on each other, read with the JDK's {@code jdeps}: the groups of
 * two or more packages that reach each other through their dependencies (strongly connected components of
 * the package graph). A module whose packages point one way has none.
 */
public final class PackageCycles {

  private static final Pattern EDGE = Pattern.compile("\\s+(\\S+)\\s+->\\s+(\\S+)\\s.*");

  private PackageCycles() {}

  /** The class directory or jar {@code type} was loaded from. */
  public static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no location for " + type, e);
    }
  }

  /**
   * The dependencies between the packages below {@code prefix} of the classes in {@code classes} (a class
   * directory or a jar), each package to the packages it uses; packages of shaded libraries
   * ({@code .internal.asm}) are left out.
   */
  public static Map<String, Set<String>> dependencies(Path classes, String prefix) {
    Map<String, Set<String>> uses = new TreeMap<>();
    String out = jdeps(classes);
    for (String line : out.split("\\R")) {
      Matcher edge = EDGE.matcher(line);
      if (edge.matches() && ours(edge.group(1), prefix) && ours(edge.group(2), prefix)) {
        uses.computeIfAbsent(edge.group(1), p -> new TreeSet<>());
        if (!edge.group(1).equals(edge.group(2))) {
          uses.get(edge.group(1)).add(edge.group(2));
        }
      }
    }
    if (uses.isEmpty()) {
      throw new IllegalStateException("jdeps found no package below " + prefix + " in " + classes + ": " + out);
    }
    return uses;
  }

  /**
   * Every package, of any library or of the JDK, that the classes of package {@code packageName} in
   * {@code classes} use, itself left out.
   */
  public static Set<String> usedBy(Path classes, String packageName) {
    Set<String> used = new TreeSet<>();
    boolean found = false;
    String out = jdeps(classes);
    for (String line : out.split("\\R")) {
      Matcher edge = EDGE.matcher(line);
      if (edge.matches() && edge.group(1).equals(packageName)) {
        found = true;
        if (!edge.group(2).equals(packageName)) {
          used.add(edge.group(2));
        }
      }
    }
    if (!found) {
      throw new IllegalStateException("jdeps found no package " + packageName + " in " + classes + ": " + out);
    }
    return used;
  }

  /** What {@code jdeps -verbose:package -filter:none} says of {@code classes}. */
  private static String jdeps(Path classes) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps")
        .orElseThrow(() -> new IllegalStateException("jdeps is not in this JDK (module jdk.jdeps)"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
        classes.toString());
    if (exit != 0) {
      throw new IllegalStateException("jdeps " + classes + " ended with " + exit + ": " + err);
    }
    return out.toString();
  }

  private static boolean ours(String packageName, String prefix) {
    return (packageName.equals(prefix) || packageName.startsWith(prefix + "."))
        && !packageName.contains(".internal.asm");
  }

  /**
   * Fails unless the packages below {@code prefix} of the module {@code type} was loaded from point one way;
   * {@code expected} are packages that must be among them (so that an empty reading cannot pass).
   */
  public static void assertOneWay(Class<?> type, String prefix, String... expected) {
    Map<String, Set<String>> uses = dependencies(locationOf(type), prefix);
    assertThat(uses).as("the module's packages, read").containsKeys(expected);
    assertThat(cycles(uses)).as("packages that depend on each other").isEmpty();
  }

  /** The groups of packages that depend on each other, each sorted; none when the packages point one way. */
  public static List<Set<String>> cycles(Map<String, Set<String>> uses) {
    return new Tarjan(uses).components();
  }

  /** Tarjan's strongly connected components, keeping those of two or more packages. */
  private static final class Tarjan {
    private final Map<String, Set<String>> uses;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<Set<String>> found = new ArrayList<>();

    Tarjan(Map<String, Set<String>> uses) {
      this.uses = uses;
    }

    List<Set<String>> components() {
      for (String node : uses.keySet()) {
        if (!index.containsKey(node)) {
          visit(node);
        }
      }
      return found;
    }

    private void visit(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.push(node);
      onStack.add(node);
      for (String next : uses.getOrDefault(node, Set.of())) {
        if (!index.containsKey(next)) {
          visit(next);
          low.put(node, Math.min(low.get(node), low.get(next)));
        } else if (onStack.contains(next)) {
          low.put(node, Math.min(low.get(node), index.get(next)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(node));
        if (component.size() > 1) {
          found.add(component);
        }
      }
    }
  }
}
