package io.github.reloadloop.core.internal.compile;

import java.io.Closeable;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * The parts of the JDK's javac ({@code jdk.compiler}, not exported) that a kept compiler context needs, reached
 * by reflection once the agent has opened their packages to reload-core: the reusable context that JShell
 * uses ({@code JavacTaskPool.ReusableContext}, which clears a context between compiles and tells when a
 * compile has spoilt it), and the symbol table, whose project symbols {@link KeptContext} drops between
 * compiles. Every member is looked up when this is created; if one is missing (another JDK's javac), there
 * is no kept context and every compile is a fresh one. Symbols are handled as {@code Object}.
 *
 * <p>Threading: stateless after creation; the objects it reaches belong to one compile at a time.
 */
final class JavacInternals {

  /** Why {@link #open} found nothing while the agent is still loading: worth asking again later. */
  static final String AGENT_NOT_LOADED = "the agent is not loaded yet";

  private static final String[] PACKAGES = {"com.sun.tools.javac.api", "com.sun.tools.javac.code",
      "com.sun.tools.javac.util", "com.sun.tools.javac.main"};

  private final Constructor<?> newContext;
  private final Method clearContext;
  private final Field polluted;
  private final Method getTask;
  private final Method cleanup;
  private final Method contextGet;
  private final Class<?> platformDescription;
  private final Method logInstance;
  private final Method setWriters;
  private final Method symtabInstance;
  private final Field unnamedModule;
  private final Field noModule;
  private final Method allClasses;
  private final Method removeClass;
  private final Field enclosedPackages;
  private final Field unnamedPackage;
  private final Method packge;
  private final Field flags;
  private final Field completer;
  private final Field type;
  private final Field classFlatName;
  private final Field classFile;
  private final Field classMembers;
  private final Field packageName;
  private final Field packageMembers;
  private final Field packageInfo;
  private final Field packageModule;
  private final Method resetPackage;
  private final Object nullCompleter;
  private final Method finderInstance;
  private final Method finderCompleter;
  private final Class<?> errorType;
  private final long exists;
  private final long hasResource;
  private final Method dropKey;
  private final Method dropClass;
  private final Method putFactory;
  private final Method getByKey;
  private final Object compilerKey;
  private final Object reusableCompilerFactory;
  private final Class<?> processingEnvironment;
  private final Field closeables;
  private final Method getFormatter;
  private final Method setFormatter;
  private final Class<?> forwardingFormatter;
  private final Method delegatedFormatter;

  private JavacInternals() throws ReflectiveOperationException {
    Class<?> context = type("com.sun.tools.javac.util.Context");
    Class<?> reusable = type("com.sun.tools.javac.api.JavacTaskPool$ReusableContext");
    newContext = open(reusable.getDeclaredConstructor(List.class));
    clearContext = open(reusable.getDeclaredMethod("clear"));
    polluted = open(reusable.getDeclaredField("polluted"));
    getTask = open(type("com.sun.tools.javac.api.JavacTool").getMethod("getTask", Writer.class,
        JavaFileManager.class, DiagnosticListener.class, Iterable.class, Iterable.class, Iterable.class, context));
    cleanup = open(type("com.sun.tools.javac.api.JavacTaskImpl").getDeclaredMethod("cleanup"));
    contextGet = open(context.getMethod("get", Class.class));
    platformDescription = type("com.sun.tools.javac.platform.PlatformDescription");
    Class<?> log = type("com.sun.tools.javac.util.Log");
    logInstance = open(log.getMethod("instance", context));
    setWriters = open(log.getMethod("setWriters", PrintWriter.class));
    Class<?> symtab = type("com.sun.tools.javac.code.Symtab");
    symtabInstance = open(symtab.getMethod("instance", context));
    unnamedModule = open(symtab.getField("unnamedModule"));
    noModule = open(symtab.getField("noModule"));
    allClasses = open(symtab.getMethod("getAllClasses"));
    Class<?> symbol = type("com.sun.tools.javac.code.Symbol");
    Class<?> moduleSymbol = type("com.sun.tools.javac.code.Symbol$ModuleSymbol");
    Class<?> classSymbol = type("com.sun.tools.javac.code.Symbol$ClassSymbol");
    Class<?> packageSymbol = type("com.sun.tools.javac.code.Symbol$PackageSymbol");
    removeClass = open(symtab.getMethod("removeClass", moduleSymbol, type("com.sun.tools.javac.util.Name")));
    enclosedPackages = open(moduleSymbol.getField("enclosedPackages"));
    unnamedPackage = open(moduleSymbol.getField("unnamedPackage"));
    packge = open(symbol.getMethod("packge"));
    flags = open(symbol.getField("flags_field"));
    completer = open(symbol.getField("completer"));
    type = open(symbol.getField("type"));
    classFlatName = open(classSymbol.getField("flatname"));
    classFile = open(classSymbol.getField("classfile"));
    classMembers = open(classSymbol.getField("members_field"));
    packageName = open(packageSymbol.getField("fullname"));
    packageMembers = open(packageSymbol.getField("members_field"));
    packageInfo = open(packageSymbol.getField("package_info"));
    packageModule = open(packageSymbol.getField("modle"));
    resetPackage = open(packageSymbol.getMethod("reset"));
    nullCompleter = open(type("com.sun.tools.javac.code.Symbol$Completer").getField("NULL_COMPLETER")).get(null);
    Class<?> finder = type("com.sun.tools.javac.code.ClassFinder");
    finderInstance = open(finder.getMethod("instance", context));
    finderCompleter = open(finder.getMethod("getCompleter"));
    errorType = type("com.sun.tools.javac.code.Type$ErrorType");
    Class<?> flagConstants = type("com.sun.tools.javac.code.Flags");
    exists = open(flagConstants.getField("EXISTS")).getLong(null);
    hasResource = open(flagConstants.getField("HAS_RESOURCE")).getLong(null);
    Class<?> key = type("com.sun.tools.javac.util.Context$Key");
    dropKey = open(reusable.getDeclaredMethod("drop", key));
    dropClass = open(reusable.getDeclaredMethod("drop", Class.class));
    putFactory = open(context.getMethod("put", key, type("com.sun.tools.javac.util.Context$Factory")));
    getByKey = open(context.getMethod("get", key));
    Class<?> compiler = type("com.sun.tools.javac.main.JavaCompiler");
    compilerKey = open(compiler.getField("compilerKey")).get(null);
    reusableCompilerFactory = open(type("com.sun.tools.javac.api.JavacTaskPool$ReusableContext$ReusableJavaCompiler")
        .getDeclaredField("factory")).get(null);
    processingEnvironment = type("com.sun.tools.javac.processing.JavacProcessingEnvironment");
    closeables = open(compiler.getField("closeables"));
    Class<?> formatter = type("com.sun.tools.javac.api.DiagnosticFormatter");
    getFormatter = open(log.getMethod("getDiagnosticFormatter"));
    setFormatter = open(log.getMethod("setDiagnosticFormatter", formatter));
    forwardingFormatter = type("com.sun.tools.javac.util.ForwardingDiagnosticFormatter");
    delegatedFormatter = open(forwardingFormatter.getMethod("getDelegatedFormatter"));
  }

  /** What {@link #open} found: the internals, or why there are none. */
  record Access(JavacInternals internals, String unavailable) {}

  /**
   * Opens javac's packages to reload-core (through {@code instrumentation} when they are not open already)
   * and looks up every member.
   *
   * @param instrumentation the agent's instrumentation, or {@code null} while it is not loaded
   */
  static Access open(JavaCompiler compiler, Supplier<Instrumentation> instrumentation) {
    if (!compiler.getClass().getName().equals("com.sun.tools.javac.api.JavacTool")) {
      return new Access(null, "not the JDK's own javac");
    }
    Module javac = compiler.getClass().getModule();
    Module self = JavacInternals.class.getModule();
    Set<String> closed = java.util.Arrays.stream(PACKAGES).filter(p -> !javac.isOpen(p, self))
        .collect(Collectors.toSet());
    if (!closed.isEmpty()) {
      Instrumentation agent = instrumentation.get();
      if (agent == null) {
        return new Access(null, AGENT_NOT_LOADED);
      }
      Map<String, Set<Module>> opens = closed.stream().collect(Collectors.toMap(p -> p, p -> Set.of(self)));
      try {
        agent.redefineModule(javac, Set.of(), Map.of(), opens, Set.of(), Map.of());
      } catch (RuntimeException e) {
        return new Access(null, "cannot open jdk.compiler: " + e);
      }
    }
    try {
      return new Access(new JavacInternals(), null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return new Access(null, "this javac differs from the ones reload-loop knows (" + e + ")");
    }
  }

  private static Class<?> type(String name) throws ClassNotFoundException {
    return Class.forName(name, false, JavaCompiler.class.getClassLoader() == null
        ? ClassLoader.getPlatformClassLoader() : JavaCompiler.class.getClassLoader());
  }

  private static <T extends AccessibleObject> T open(T member) {
    member.setAccessible(true);
    return member;
  }

  // The context and its tasks.

  /** A new context for compiles with {@code options}, reusable between them. */
  Object newContext(List<String> options) {
    return invokeNew(newContext, options);
  }

  /** A task on {@code context}; the context listens to it (to find the trees it must clear afterwards). */
  com.sun.source.util.JavacTask task(Object context, JavaCompiler tool, Writer out, JavaFileManager files,
      DiagnosticListener<? super JavaFileObject> diagnostics, List<String> options,
      List<? extends JavaFileObject> units) {
    var task = (com.sun.source.util.JavacTask) invoke(getTask, tool, out, files, diagnostics, options, null, units,
        context);
    task.addTaskListener((com.sun.source.util.TaskListener) context);
    // The log is kept with the context; its writer must be this task's.
    invoke(setWriters, invoke(logInstance, null, context), new PrintWriter(out, true));
    return task;
  }

  /** The {@code --release} platform the task opened (its {@code ct.sym} file systems), or {@code null}. */
  Closeable platform(Object context) {
    return (Closeable) invoke(contextGet, context, platformDescription);
  }

  /**
   * Clears the context after a compile, as JShell's pool does.
   *
   * @return whether it can be reused: {@code false} when the compile redefined {@code java.*} classes
   */
  boolean clear(Object context, com.sun.source.util.JavacTask task) {
    invoke(clearContext, context);
    if ((boolean) get(polluted, context)) {
      return false;
    }
    invoke(cleanup, task);
    return true;
  }

  // Annotation processing on a kept context.

  /**
   * Makes the next task on {@code context} process annotations as a fresh javac does: its compiler (which
   * holds whether and how this compile processes, and is told once only) and its processing environment (the
   * filer, which refuses to write a file twice, and the processors' state) are made anew for the task, from
   * the kept symbol table, class reader and the rest.
   */
  void freshProcessing(Object context) {
    // A new compiler wraps the log's formatter in a rich one, which must not wrap the last compiler's.
    Object log = invoke(logInstance, null, context);
    Object formatter = invoke(getFormatter, log);
    if (forwardingFormatter.isInstance(formatter)) {
      invoke(setFormatter, log, invoke(delegatedFormatter, formatter));
    }
    invoke(dropClass, context, processingEnvironment);
    invoke(dropKey, context, compilerKey);
    invoke(putFactory, context, compilerKey, reusableCompilerFactory);
  }

  /**
   * Closes the class loaders that the last compile's processing opened (javac closes them when its compiler
   * closes, which a kept context's compiler never does); the compiler's other resources stay open.
   */
  void closeProcessingLoaders(Object context) {
    Object compiler = invoke(getByKey, context, compilerKey);
    for (Object resource : (Iterable<?>) get(closeables, compiler)) {
      if (resource instanceof ClassLoader && resource instanceof Closeable closeable) {
        try {
          closeable.close();
        } catch (java.io.IOException e) {
          // A class loader over the class path that fails to close keeps a jar handle open; nothing is lost.
          continue;
        }
      }
    }
  }

  // The symbol table.

  Object symbolTable(Object context) {
    return invoke(symtabInstance, null, context);
  }

  /** The unnamed module (class path compiles) and the no-module of {@code --release 8}. */
  List<Object> classPathModules(Object symbolTable) {
    return List.of(get(unnamedModule, symbolTable), get(noModule, symbolTable));
  }

  /** Every class symbol entered so far, of every module. */
  Iterable<?> classes(Object symbolTable) {
    return (Iterable<?>) invoke(allClasses, symbolTable);
  }

  /** Takes a class out of the table, so that the next lookup of its name makes a new symbol. */
  void remove(Object symbolTable, Object classSymbol) {
    invoke(removeClass, symbolTable, moduleOf(packageOf(classSymbol)), get(classFlatName, classSymbol));
  }

  /** Every package symbol of {@code module}, its unnamed package included (the root package, not a package of classes, left out). */
  List<Object> packages(Object module) {
    List<Object> packages = new java.util.ArrayList<>();
    for (Object p : (Iterable<?>) get(enclosedPackages, module)) {
      if (!packageName(p).isEmpty()) {
        packages.add(p);
      }
    }
    Object unnamed = get(unnamedPackage, module);
    if (unnamed != null) {
      packages.add(unnamed);
    }
    return packages;
  }

  Object packageOf(Object classSymbol) {
    return invoke(packge, classSymbol);
  }

  Object moduleOf(Object packageSymbol) {
    return get(packageModule, packageSymbol);
  }

  String packageName(Object packageSymbol) {
    return get(packageName, packageSymbol).toString();
  }

  String className(Object classSymbol) {
    return get(classFlatName, classSymbol).toString();
  }

  /** Whether the class symbol was read (or compiled), not just named. */
  boolean completed(Object classSymbol) {
    return get(completer, classSymbol) == nullCompleter && get(classMembers, classSymbol) != null;
  }

  /** Whether reading the class failed (no class file, a bad one): javac marks it with an error type. */
  boolean failed(Object classSymbol) {
    return errorType.isInstance(get(type, classSymbol));
  }

  /** The class file (or source) the class was read from, or {@code null}. */
  JavaFileObject classFile(Object classSymbol) {
    return (JavaFileObject) get(classFile, classSymbol);
  }

  boolean exists(Object packageSymbol) {
    return ((long) get(flags, packageSymbol) & exists) != 0;
  }

  void markExisting(Object packageSymbol) {
    set(flags, packageSymbol, (long) get(flags, packageSymbol) | exists);
  }

  /**
   * Makes a package as javac first made it, to be listed again when next used: no members, no package-info,
   * no annotations, completed by the class finder. The unnamed package always exists.
   */
  void resetPackage(Object context, Object packageSymbol, boolean alwaysExists) {
    set(packageMembers, packageSymbol, null);
    set(packageInfo, packageSymbol, null);
    invoke(resetPackage, packageSymbol);
    long kept = alwaysExists ? exists : 0;
    set(flags, packageSymbol, (long) get(flags, packageSymbol) & ~((exists | hasResource) & ~kept));
    set(completer, packageSymbol, invoke(finderCompleter, invoke(finderInstance, null, context)));
  }

  private static Object get(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("javac's " + field.getName() + " is not accessible", e);
    }
  }

  private static void set(Field field, Object target, Object value) {
    try {
      field.set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("javac's " + field.getName() + " is not accessible", e);
    }
  }

  private static Object invoke(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("javac's " + method.getName() + " is not accessible", e);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    }
  }

  private static Object invokeNew(Constructor<?> constructor, Object... arguments) {
    try {
      return constructor.newInstance(arguments);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot create javac's " + constructor.getDeclaringClass().getName(), e);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    }
  }

  private static RuntimeException rethrow(InvocationTargetException e) {
    if (e.getCause() instanceof RuntimeException runtime) {
      return runtime;
    }
    if (e.getCause() instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(e.getCause());
  }
}
