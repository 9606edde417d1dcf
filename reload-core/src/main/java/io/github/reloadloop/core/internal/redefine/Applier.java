package io.github.reloadloop.core.internal.redefine;

import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.internal.overlay.Overlay;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The apply stage: defines the plan's new classes (before anything that may use them is redefined: the JVM
 * caches a failed resolution in the caller's constant pool), redefines the loaded classes in one
 * {@code redefineClasses} call (each patch fitted to its class as loaded: members that other agents added at
 * load time are carried into it, see {@link AgentAdditions}), and writes every compiled class to the overlay, where compiles and fresh
 * class loaders find it. A batch with in-place changes goes all or nothing: their companions are prepared first,
 * then everything is redefined in one call; should a preparation fail or the JVM refuse that call, nothing of
 * the batch has been redefined and it is applied as the planner would have planned it without the in-place
 * changes ({@link Planner#withoutInPlace}): those classes are refused, with what uses them.
 *
 * <p>Threading: the reload thread; {@link #prepare} any thread.
 */
public final class Applier {

  private final Supplier<Instrumentation> instrumentation;
  private final RunningVersions running;
  private final Overlay overlay;
  private Redefiner redefiner;
  private ClassDefiner definer;
  private AgentAdditions agentAdditions;
  private final Set<String> prepared = Collections.synchronizedSet(new LinkedHashSet<>());
  private final Map<String, String> notPrepared = new ConcurrentHashMap<>();

  public Applier(Supplier<Instrumentation> instrumentation, RunningVersions running, Overlay overlay) {
    this.instrumentation = instrumentation;
    this.running = running;
    this.overlay = overlay;
  }

  public Applied apply(RedefinitionPlan plan) {
    List<String> warnings = new ArrayList<>();
    if (!plan.definitions().isEmpty() || !plan.redefinitions().isEmpty() || !plan.inPlace().isEmpty()) {
      Instrumentation jvm = instrumentation.get();
      redefiner = redefiner == null ? new Redefiner(jvm) : redefiner;
      definer = definer == null ? new ClassDefiner(jvm) : definer;
    }
    for (RedefinitionPlan.Definition definition : plan.definitions()) {
      try {
        running.replaced(definer.define(definition), definition.bytes());
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        warnings.add("cannot define the new class " + definition.name() + " in " + definition.loader() + ": " + e
            + "; a fresh class loader finds it in the overlay directory");
      }
    }
    long start = System.nanoTime();
    InPlaceBatch inPlace = new InPlaceBatch(plan.inPlace().values());
    Map<String, String> notInPlace = inPlace.prepare(running);
    Redefiner.Outcome outcome = null;
    if (!inPlace.isEmpty() && notInPlace.isEmpty()) {
      Map<Class<?>, byte[]> all = new LinkedHashMap<>(plan.redefinitions());
      all.putAll(inPlace.redefinitions());
      String refusal = redefiner.redefineAtOnce(fitted(all));
      if (refusal == null) {
        outcome = new Redefiner.Outcome(List.copyOf(all.keySet()), Map.of());
        all.forEach(running::replaced);
      } else {
        notInPlace = inPlace.refusedByJvm(refusal);
      }
    }
    RedefinitionPlan done = plan;
    if (!notInPlace.isEmpty()) {
      // Nothing of the batch was redefined: it goes the fallback's way as a whole. Classes defined above stay
      // defined, but nothing in their class loaders runs them: every class that uses one is held back.
      inPlace.abandon();
      done = Planner.withoutInPlace(plan, notInPlace);
    }
    Map<String, List<String>> madeInPlace = Map.of();
    if (outcome == null) {
      outcome = redefiner == null || done.redefinitions().isEmpty() ? new Redefiner.Outcome(List.of(), Map.of())
          : redefiner.redefine(fitted(done.redefinitions()));
      for (Class<?> type : outcome.redefined()) {
        running.replaced(type, done.redefinitions().get(type));
      }
    } else {
      madeInPlace = inPlace.applied();
    }
    long end = System.nanoTime();
    Map<String, RefusedClass> refused = new LinkedHashMap<>(done.refused());
    outcome.failures().forEach((name, why) -> refused.putIfAbsent(name, plan.refusal(name, List.of(why))));
    warnings.addAll(overlay.write(plan.patch().classes().stream()
        .map(c -> new Overlay.ClassFile(c.overlayDirectory(), c.name(), c.bytes())).toList()));
    List<Class<?>> redefinedClasses = outcome.redefined().stream().filter(inPlace::isOwn).toList();
    List<String> redefined = redefinedClasses.stream().map(Class::getName).distinct()
        .filter(n -> !refused.containsKey(n)).toList();
    return new Applied(redefinedClasses, redefined, plan.added(), List.copyOf(refused.values()),
        Duration.ofNanos(end - start), end, warnings, madeInPlace);
  }

  /** Each class file fitted to its class as loaded, with what other agents added (see {@link AgentAdditions}). */
  private Map<Class<?>, byte[]> fitted(Map<Class<?>, byte[]> classes) {
    return additions(instrumentation.get()).fit(classes, this::runningBytes);
  }

  /**
   * Does ahead of time what the first redefinition of each loaded class of these names does: reads the class as
   * the JVM runs it, to find what other agents added (see {@link AgentAdditions}), without changing it. A class
   * that is not loaded is left alone; one that cannot be read is named in {@link #notPrepared()} with the
   * reason. Any thread; meant for while the program is idle.
   */
  public void prepare(Set<String> classNames) {
    Instrumentation jvm = classNames.isEmpty() ? null : instrumentation.get();
    if (jvm == null) {
      return;
    }
    List<Class<?>> loaded = LoadedClasses.scan(jvm, classNames, Map.of()).named();
    Map<Class<?>, String> notRead = additions(jvm).learn(loaded, this::runningBytes);
    for (Class<?> type : loaded) {
      String why = notRead.get(type);
      if (why == null) {
        prepared.add(type.getName());
        notPrepared.remove(type.getName());
      } else {
        notPrepared(type.getName(), why);
      }
    }
  }

  /** Records that a class named for preparation cannot be prepared, and why. */
  public void notPrepared(String className, String why) {
    if (!prepared.contains(className)) {
      notPrepared.put(className, why);
    }
  }

  /** The classes prepared so far, in order. */
  public List<String> prepared() {
    synchronized (prepared) {
      return List.copyOf(prepared);
    }
  }

  /** Classes named for preparation that could not be prepared, with the reason; their first reload reads them. */
  public Map<String, String> notPrepared() {
    return Map.copyOf(notPrepared);
  }

  private synchronized AgentAdditions additions(Instrumentation jvm) {
    if (agentAdditions == null) {
      agentAdditions = new AgentAdditions(jvm);
    }
    return agentAdditions;
  }

  /** The class file a loaded class runs as compiled, without what other agents added at load time. */
  private byte[] runningBytes(Class<?> type) {
    RunningVersions.Version version = running.of(type);
    return version == null ? null : version.bytes();
  }
}
