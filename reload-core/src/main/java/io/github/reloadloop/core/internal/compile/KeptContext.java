package io.github.reloadloop.core.internal.compile;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import io.github.reloadloop.core.internal.classfile.ClassShape;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * One javac context kept from compile to compile for one set of options, holding what cannot change while
 * the JVM runs: the symbols of the JDK and of the class path's jars, read once instead of on every compile.
 * Before each compile after the first, everything that can change is dropped, so that javac reads it
 * again: every class of a project package (see {@link ProjectPackages}; packages of compiled sources count
 * too) leaves the symbol table, and every project package is emptied, to be listed afresh. The rest is kept
 * only while keeping it gives what a fresh compile would; otherwise {@link #prepare()} says why not and the
 * context is dropped:
 * <ul>
 *   <li>a kept class refers to a project package (a jar class that names a project class: the kept symbol
 *       would still point at the dropped one), found from the kept class's constant pool;
 *   <li>reading a kept class failed (a missing class file: javac remembers the failure silently);
 *   <li>a kept class was read from a source or a directory;
 *   <li>the compile redefined a {@code java.*} class, or ended with an exception;
 *   <li>the context has served {@value #MAX_COMPILES} compiles (what grows with use stays bounded).
 * </ul>
 *
 * <p>A context for compiles that run annotation processors (Lombok, MapStruct) keeps the same, and nothing of
 * the processing: each compile gets a new javac compiler object and a new processing environment (filer,
 * messager, the processors' round state), as a fresh javac does, built on the kept symbol table; processors
 * are new instances every time. What processors generate lands in the project's packages, dropped before the
 * next compile like every project class.
 *
 * <p>Threading: one compile at a time, on the compiling thread.
 */
final class KeptContext {

  /** Compiles a context serves before a new one replaces it. */
  static final int MAX_COMPILES = 200;

  private final JavacInternals javac;
  private final ProjectPackages project;
  private final Object context;
  private final boolean processing;
  /** Packages found to be the project's; they stay so for the context's life (a deleted directory too). */
  private final Set<String> changeable = new HashSet<>();
  private final Set<String> parsed = new HashSet<>();
  private final Set<Object> scanned = Collections.newSetFromMap(new IdentityHashMap<>());
  /** For each package a kept class refers to, one such class (for the message). */
  private final Map<String, String> referrers = new HashMap<>();
  private Closeable platform;
  private Closeable roundPlatform;
  private int compiles;

  /** @param processing whether its compiles run annotation processors (all of them, or none) */
  KeptContext(JavacInternals javac, ProjectPackages project, List<String> options, boolean processing) {
    this.javac = javac;
    this.project = project;
    this.processing = processing;
    this.context = javac.newContext(options);
  }

  /**
   * Drops from the context what the next compile must read again.
   *
   * @return {@code null} when the context is ready, else why it cannot serve another compile
   */
  String prepare() {
    if (compiles >= MAX_COMPILES) {
      return "a new context after " + compiles + " compiles";
    }
    return compiles == 0 ? null : dropChangeable();
  }

  /** A task for the next compile on this context. */
  JavacTask task(JavaCompiler tool, Writer out, JavaFileManager files,
      DiagnosticListener<? super JavaFileObject> diagnostics, List<String> options, List<JavaFileObject> units) {
    compiles++;
    JavacTask task = javac.task(context, tool, out, files, diagnostics, options, units);
    if (processing) {
      // After the task is made, not before: the context's log, made by the first task, must know the task's
      // diagnostic listener (javac makes the compiler and the processing environment only when the task runs).
      javac.freshProcessing(context);
    }
    task.addTaskListener(new TaskListener() {
      @Override
      public void finished(TaskEvent event) {
        if (event.getKind() == TaskEvent.Kind.PARSE && event.getCompilationUnit() != null) {
          var name = event.getCompilationUnit().getPackageName();
          parsed.add(name == null ? "" : name.toString());
        }
      }
    });
    Closeable opened = javac.platform(context);
    if (platform == null) {
      platform = opened; // The context's class reader keeps the first task's platform for good.
    } else if (opened != platform) {
      roundPlatform = opened; // Later tasks open their own, which nothing uses after them.
    }
    return task;
  }

  /**
   * Clears the context after a compile.
   *
   * @param completed whether the compile ran to its end (a crash or a cancel may leave it half done)
   * @return whether the context can serve another compile
   */
  boolean finish(JavacTask task, boolean completed) {
    closeQuietly(roundPlatform);
    roundPlatform = null;
    if (processing) {
      javac.closeProcessingLoaders(context);
    }
    return completed && javac.clear(context, task);
  }

  /** Releases what the context holds open (the {@code ct.sym} of {@code --release}). */
  void close() {
    closeQuietly(roundPlatform);
    closeQuietly(platform);
    roundPlatform = null;
    platform = null;
  }

  private String dropChangeable() {
    Object symbols = javac.symbolTable(context);
    List<Object> modules = javac.classPathModules(symbols);
    Map<Object, Map<String, Object>> packages = new IdentityHashMap<>();
    Set<String> unknown = new HashSet<>();
    for (Object module : modules) {
      Map<String, Object> byName = new HashMap<>();
      for (Object p : javac.packages(module)) {
        String name = javac.packageName(p);
        byName.put(name, p);
        if (!changeable.contains(name)) {
          unknown.add(name);
        }
      }
      packages.put(module, byName);
    }
    changeable.addAll(parsed);
    parsed.clear();
    changeable.addAll(project.present(unknown));
    new ArrayList<>(changeable).forEach(name -> changeable.addAll(ProjectPackages.withEnclosing(name)));

    List<Object> dropped = new ArrayList<>();
    for (Object symbol : javac.classes(symbols)) {
      Object owner = javac.packageOf(symbol);
      if (!containsIdentical(modules, javac.moduleOf(owner))) {
        continue; // A class of one of the JDK's modules.
      }
      if (changeable.contains(javac.packageName(owner))) {
        dropped.add(symbol);
      } else if (javac.failed(symbol)) {
        return "reading " + javac.className(symbol) + " failed";
      } else if (javac.completed(symbol) && scanned.add(symbol)) {
        String problem = scan(symbol);
        if (problem != null) {
          return problem;
        }
      }
    }
    for (String name : changeable) {
      String referrer = referrers.get(name);
      if (referrer != null) {
        return referrer + " refers to package " + (name.isEmpty() ? "(unnamed)" : name) + " of the project";
      }
    }
    dropped.forEach(symbol -> javac.remove(symbols, symbol));
    packages.forEach((module, byName) -> byName.forEach((name, p) -> {
      if (changeable.contains(name)) {
        javac.resetPackage(context, p, name.isEmpty());
      }
    }));
    // A kept package exists, and so do the packages around it, whether or not they were listed again.
    packages.forEach((module, byName) -> byName.forEach((name, p) -> {
      if (!changeable.contains(name) && javac.exists(p)) {
        for (String enclosing : ProjectPackages.withEnclosing(name)) {
          Object around = byName.get(enclosing);
          if (around != null && changeable.contains(enclosing)) {
            javac.markExisting(around);
          }
        }
      }
    }));
    return null;
  }

  /** Notes the packages a kept class refers to; a reason to drop the context when it cannot be kept. */
  private String scan(Object symbol) {
    JavaFileObject file = javac.classFile(symbol);
    String name = javac.className(symbol);
    if (file == null) {
      return null; // Made by javac itself (an annotation type the older release lacks): it names nothing.
    }
    if (file.getKind() != JavaFileObject.Kind.CLASS) {
      return name + " was read from " + file.toUri() + ", not from a class file";
    }
    String uri = file.toUri().toString();
    if (uri.endsWith(".sig")) {
      return null; // The platform's own classes of --release (ct.sym): they name only platform classes.
    }
    if (!uri.startsWith("jar:") && !uri.startsWith("jrt:")) {
      return name + " was read from " + uri + ", a directory that no longer has its package";
    }
    try (InputStream in = file.openInputStream()) {
      for (String referenced : ClassShape.namedClasses(in.readAllBytes())) {
        int dot = referenced.lastIndexOf('.');
        referrers.putIfAbsent(dot < 0 ? "" : referenced.substring(0, dot), name);
      }
      return null;
    } catch (IOException | UncheckedIOException e) {
      return "cannot read " + uri + " again: " + e.getMessage();
    }
  }

  private static boolean containsIdentical(List<Object> objects, Object wanted) {
    for (Object o : objects) {
      if (o == wanted) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      // A ct.sym file system that fails to close holds one file handle until the JVM ends; nothing is lost.
      return;
    }
  }
}
