package io.github.reloadloop.core.internal.redefine;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Fits patches to the classes as they are loaded: for each class about to be redefined, finds what other
 * agents added at load time ({@link AgentMembers}, from the running bytes that {@link LoadedBytes}
 * reads, compared with the class file it was defined from) and carries it into the patch. A class is
 * read once, the first time it is redefined or when it is prepared; what its agents added stays known from
 * then on (the carried members stay in every later version). Weak keys, so discarded class loaders can be
 * collected. Where a class cannot be read, its patch is redefined as compiled and the JVM has the last word.
 *
 * <p>Threading: synchronized; called on the reload thread.
 */
final class AgentAdditions {

  private final Instrumentation instrumentation;
  private final LoadedBytes loaded;
  private final Map<Class<?>, AgentMembers> known = new WeakHashMap<>();
  /** Whether reads leave classes as they are on this JVM: proved once, at the first read. */
  private ReadCheck.Result check;

  AgentAdditions(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
    this.loaded = new LoadedBytes(instrumentation);
  }

  /**
   * The patches with the members agents added carried in.
   *
   * @param patches the compiled class file of each class to redefine
   * @param originals the class file each class was defined from (or last redefined with); {@code null}
   *     when not known, and then that patch is left as compiled
   */
  synchronized Map<Class<?>, byte[]> fit(Map<Class<?>, byte[]> patches, Function<Class<?>, byte[]> originals) {
    learn(patches.keySet(), originals);
    Map<Class<?>, byte[]> fitted = new LinkedHashMap<>();
    patches.forEach((type, patch) -> fitted.put(type, carry(known.getOrDefault(type, AgentMembers.NONE), patch)));
    return fitted;
  }

  /**
   * Finds what agents added to each class not known yet, as its first patch would, by reading them as they
   * run ({@link LoadedBytes}: a read that leaves the class as it is). Nothing is read on a JVM where
   * {@link ReadCheck} did not pass, nor a class whose class file is not known (one generated at run time).
   *
   * @param originals as for {@link #fit}
   * @return each class that was not read, with the reason
   */
  synchronized Map<Class<?>, String> learn(Collection<Class<?>> types, Function<Class<?>, byte[]> originals) {
    List<Class<?>> unknown = new ArrayList<>();
    Map<Class<?>, byte[]> original = new LinkedHashMap<>();
    Map<Class<?>, String> notRead = new LinkedHashMap<>();
    for (Class<?> type : types) {
      if (!known.containsKey(type) && !original.containsKey(type)) {
        byte[] bytes = originals.apply(type);
        if (bytes != null) {
          original.put(type, bytes);
          unknown.add(type);
        } else {
          notRead.put(type, "no class file: generated at run time");
        }
      }
    }
    if (unknown.isEmpty()) {
      return notRead;
    }
    if (check == null) {
      check = ReadCheck.run(instrumentation, loaded);
    }
    if (!check.passed()) {
      unknown.forEach(type -> notRead.put(type, "classes are not read on this JVM: " + check.why()));
      return notRead;
    }
    LoadedBytes.Read read = loaded.read(unknown);
    notRead.putAll(read.notRead());
    for (Class<?> type : unknown) {
      byte[] bytes = read.bytes().get(type);
      known.put(type, bytes == null ? AgentMembers.NONE : between(original.get(type), bytes));
    }
    return notRead;
  }

  /** What agents added to a loaded class, as far as known ({@link AgentMembers#NONE} before its first patch). */
  synchronized AgentMembers of(Class<?> type) {
    return known.getOrDefault(type, AgentMembers.NONE);
  }

  private static AgentMembers between(byte[] original, byte[] running) {
    try {
      return AgentMembers.between(original, running);
    } catch (RuntimeException e) {
      return AgentMembers.NONE; // A class file ASM cannot read (a newer version): the JVM judges the patch alone.
    }
  }

  private static byte[] carry(AgentMembers members, byte[] patch) {
    try {
      return members.carryInto(patch);
    } catch (RuntimeException e) {
      return patch; // Same: redefined as compiled.
    }
  }
}
