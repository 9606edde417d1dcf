package io.github.reloadloop.core.internal.compile;

import com.sun.source.util.JavacTask;
import java.io.Writer;
import java.lang.instrument.Instrumentation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * javac's kept contexts, one per set of options (a batch built for two releases uses two), the least recently
 * used dropped beyond {@value #MAX_CONTEXTS}; compiles with annotation processors have contexts of their own
 * (their options differ: no {@code -proc:none}). A compile takes the context of its options if
 * {@link KeptContext#prepare()} finds it fit, else a new one, which is kept after the compile in turn.
 * Without access to javac's internals (no agent yet, another JDK's javac) there is none, and every compile
 * is fresh.
 *
 * <p>Threading: one compile at a time ({@link ToolCompiler} is synchronized).
 */
final class KeptContexts {

  static final int MAX_CONTEXTS = 4;

  /** What a compile ran on, and why it did not run on a kept context when it did not. */
  record Use(Kind kind, String reason) {
    enum Kind {
      /** A context kept from an earlier compile. */
      KEPT,
      /** A new context, kept afterwards: the first for these options, or one that replaced an unfit one. */
      NEW,
      /** A fresh compile that leaves nothing behind (no kept context can be had for it). */
      FRESH
    }
  }

  private final JavaCompiler tool;
  private final ProjectPackages project;
  private final Supplier<Instrumentation> instrumentation;
  private final Map<List<String>, KeptContext> contexts = new LinkedHashMap<>(8, 0.75f, true);
  private JavacInternals javac;
  /** Why there can be no kept context in this JVM, once that is known for good. */
  private String unavailable;

  KeptContexts(JavaCompiler tool, ProjectPackages project, Supplier<Instrumentation> instrumentation) {
    this.tool = tool;
    this.project = project;
    this.instrumentation = instrumentation;
  }

  /**
   * One compile: its task on a kept context, what it ran on, and what to do once it has run; the task is
   * {@code null} when the compile must be a fresh one (the use says why).
   */
  record Run(JavacTask task, Use use, Completion completion) {}

  /** Called once the task has run. */
  interface Completion {
    /** @param completed whether the task ran to its end rather than throwing */
    void finished(boolean completed);
  }

  /** A task on the kept context for {@code options}, prepared for this compile, or why there is none. */
  Run task(Writer out, JavaFileManager files, DiagnosticListener<? super JavaFileObject> diagnostics,
      List<String> options, List<JavaFileObject> units, boolean processing) {
    String missing = access();
    if (missing != null) {
      return new Run(null, new Use(Use.Kind.FRESH, missing), completed -> { });
    }
    KeptContext context = contexts.remove(options);
    String reason = context == null ? "the first compile with " + options : prepare(context);
    if (reason != null) {
      if (context != null) {
        context.close();
      }
      context = new KeptContext(javac, project, options, processing);
    }
    KeptContext chosen = context;
    JavacTask task = chosen.task(tool, out, files, diagnostics, options, units);
    return new Run(task, new Use(reason == null ? Use.Kind.KEPT : Use.Kind.NEW, reason), completed -> {
      boolean fit;
      try {
        fit = chosen.finish(task, completed);
      } catch (RuntimeException e) {
        fit = false; // Clearing failed: the context may hold anything; a new one is made next time.
      }
      if (fit) {
        keep(options, chosen);
      } else {
        chosen.close();
      }
    });
  }

  private static String prepare(KeptContext context) {
    try {
      return context.prepare();
    } catch (RuntimeException e) {
      return "cannot clear the kept context: " + e;
    }
  }

  private void keep(List<String> options, KeptContext context) {
    contexts.put(List.copyOf(options), context);
    while (contexts.size() > MAX_CONTEXTS) {
      var eldest = contexts.entrySet().iterator().next();
      eldest.getValue().close();
      contexts.remove(eldest.getKey());
    }
  }

  /** {@code null} once javac's internals are at hand, else why not (retried while only the agent is missing). */
  private String access() {
    if (javac != null) {
      return null;
    }
    if (unavailable != null) {
      return unavailable;
    }
    JavacInternals.Access access = JavacInternals.open(tool, instrumentation);
    javac = access.internals();
    if (javac == null && !access.unavailable().equals(JavacInternals.AGENT_NOT_LOADED)) {
      unavailable = access.unavailable();
    }
    return access.unavailable();
  }

  /** Drops every kept context. */
  void close() {
    contexts.values().forEach(KeptContext::close);
    contexts.clear();
  }
}
