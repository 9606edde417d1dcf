package io.github.reloadloop.core.internal.inplace;

import io.github.reloadloop.core.internal.classfile.ClassShape;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Structural changes in place: plans, for a loaded class whose new version changed shape, whether the change
 * is confined to private members ({@link InPlaceEngine}), and applies it: defines the companion, holder and
 * link classes into the class's own package (normal classes, so that stack traces show their frames), fills
 * the link table, and hands back the class files to redefine together. Switched off with
 * {@code -Dreload.inplace=false}.
 *
 * <p>What a class gained lives in its class loader (companions, and the link table, whose handles hold the
 * stores of added instance fields); this object keeps only each class's {@link ClassHistory} and weak
 * references, so that a discarded class loader can be collected.
 *
 * <p>Threading: plan and apply on the reload thread; guarded, so that a status read elsewhere is safe.
 *
 * @since 0.1.0
 */
public final class InPlace {

  /** System property that switches in-place changes off ({@code false}); on by default. */
  public static final String PROPERTY = "reload.inplace";

  /** What every generated class's name has after the name of the class it serves. */
  static final String COMPANION_MARK = "$$Reload";

  /** Numbers the companions' names per class across reloaders of one JVM, so that names never clash. */
  private static final ClassValue<int[]> GENERATIONS = new ClassValue<>() {
    @Override
    protected int[] computeValue(Class<?> type) {
      return new int[1];
    }
  };

  private final Map<Class<?>, ClassHistory> histories = new WeakHashMap<>();
  private final Map<Class<?>, Runtime> runtimes = new WeakHashMap<>();

  /** Whether in-place changes are on ({@value #PROPERTY} is not {@code false}). */
  public static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
  }

  /**
   * Plans an in-place change.
   *
   * @param type the loaded class
   * @param running the class file it runs
   * @param compiled its new class file
   * @param patch every class file of the same compile, by binary name (the class's nest is among them)
   */
  public synchronized Change plan(Class<?> type, byte[] running, byte[] compiled, Map<String, byte[]> patch) {
    ClassHistory history = histories.get(type);
    if (history == null) {
      history = ClassHistory.initial(running, prefix(type));
    }
    Map<String, ClassShape> shapes = new HashMap<>();
    patch.forEach((name, bytes) -> shapes.put(name.replace('.', '/'), ClassShape.parse(bytes)));
    try {
      InPlaceEdit edit = InPlaceEngine.plan(history, running, compiled, supertypes(type), shapes);
      return new Change(type, edit, null, false);
    } catch (NotInPlace e) {
      return new Change(type, null, e.getMessage(), e.visible());
    } catch (RuntimeException e) {
      return new Change(type, null, "the class file could not be rewritten (" + e + ")", false);
    }
  }

  /** Forgets what in-place changes made of a class: it was redefined as compiled (its shape came back). */
  public synchronized void forget(Class<?> type) {
    histories.remove(type);
  }

  /** Whether a class runs an in-place change now. */
  public synchronized boolean changed(Class<?> type) {
    ClassHistory history = histories.get(type);
    return history != null && history.changed();
  }

  /** A planned change of one class: possible (with what to apply) or not (with why). */
  public final class Change {

    private final Class<?> type;
    private final InPlaceEdit edit;
    private final String reason;
    private final boolean visible;
    private Prepared prepared;
    private final Map<String, Class<?>> defined = new HashMap<>();
    private Runnable restoreTable;

    private Change(Class<?> type, InPlaceEdit edit, String reason, boolean visible) {
      this.type = type;
      this.edit = edit;
      this.reason = reason;
      this.visible = visible;
    }

    public Class<?> type() {
      return type;
    }

    /** Whether the change can be made in place. */
    public boolean possible() {
      return edit != null;
    }

    /** Why not, in plain words; {@code null} when it can. */
    public String reason() {
      return reason;
    }

    /** Whether the reason is a change other classes can see (which the shape comparison says already). */
    public boolean visible() {
      return visible;
    }

    /** What changed since the last version, in a few words each ({@code 1 method added}). */
    public List<String> changes() {
      return edit == null ? List.of() : edit.changes();
    }

    /**
     * Defines the new companion, holder and link classes (verifying them) and fills the link table; nothing
     * the class runs changes yet.
     *
     * @return the class files to redefine together, the class first
     * @throws Failure when a class is refused or a member cannot be linked; the class keeps running as it ran
     */
    public Prepared prepare() throws Failure {
      synchronized (InPlace.this) {
        prepared = InPlace.this.prepare(this);
        return prepared;
      }
    }

    /** Records that the class and its companions now run what {@link #prepare} gave. */
    public void applied() {
      synchronized (InPlace.this) {
        histories.put(type, edit.next());
        runtimes.computeIfAbsent(type, t -> new Runtime()).applied(prepared);
        prepared = null;
        restoreTable = null;
      }
    }

    /**
     * Records that the change was not made, after {@link #prepare} (whether it succeeded or failed): the class
     * keeps running what it ran, and a later change of it starts from there. The link table gets back the
     * entries it had; what was defined stays defined, unused, and its names are never taken again.
     */
    public void abandoned() {
      synchronized (InPlace.this) {
        if (restoreTable != null) {
          restoreTable.run();
          restoreTable = null;
        }
        prepared = null;
        ClassHistory history = histories.get(type);
        if (history != null && edit != null) { // A class never changed takes a new prefix at its next plan.
          String link = edit.next().link();
          boolean linkDefined = defined.containsKey(link);
          histories.put(type, history.skipping(edit.next(), linkDefined));
          if (linkDefined) { // The next change fills this link class's table, as if it had defined it.
            Runtime runtime = runtimes.computeIfAbsent(type, t -> new Runtime());
            runtime.classes.put(link, new WeakReference<>(defined.get(link)));
          }
        }
      }
    }

    InPlaceEdit edit() {
      return edit;
    }

    /** The same change with other classes to define: a test seam for classes the JVM refuses. */
    Change withDefinitions(List<InPlaceEdit.Definition> definitions) {
      return new Change(type, new InPlaceEdit(edit.classFile(), definitions, edit.redefinitions(), edit.sites(),
          edit.initializers(), edit.next(), edit.changes()), null, false);
    }
  }

  /** What to redefine, and what was defined, for one change. */
  public static final class Prepared {

    private final Map<Class<?>, byte[]> redefinitions;
    private final Map<Class<?>, byte[]> defined;
    private final Map<String, Class<?>> classes;
    private final Map<String, SideField> stores;
    private final Map<SideField, MethodHandle> initializers;

    private Prepared(Map<Class<?>, byte[]> redefinitions, Map<Class<?>, byte[]> defined,
        Map<String, Class<?>> classes, Map<String, SideField> stores, Map<SideField, MethodHandle> initializers) {
      this.redefinitions = redefinitions;
      this.defined = defined;
      this.classes = classes;
      this.stores = stores;
      this.initializers = initializers;
    }

    /** The class and its changed companions, with their class files, to redefine in one go. */
    public Map<Class<?>, byte[]> redefinitions() {
      return redefinitions;
    }

    /** The classes defined, with the class file each was defined from. */
    public Map<Class<?>, byte[]> defined() {
      return defined;
    }
  }

  /** A change that could not be prepared; the message says which class or method and why. */
  public static final class Failure extends Exception {
    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Prepared prepare(Change change) throws Failure {
    Class<?> type = change.type;
    InPlaceEdit edit = change.edit;
    Runtime runtime = runtimes.computeIfAbsent(type, t -> new Runtime());
    Lookup own;
    try {
      own = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      throw new Failure("its package is not open to reload-core: " + e.getMessage(), e);
    }
    Map<Class<?>, byte[]> defined = new LinkedHashMap<>();
    Map<String, Class<?>> classes = new HashMap<>(runtime.classes());
    for (InPlaceEdit.Definition definition : edit.definitions()) {
      Class<?> made = define(own, definition);
      change.defined.put(definition.name(), made);
      defined.put(made, definition.bytes());
      classes.put(definition.name(), made);
    }
    Map<String, SideField> stores = new HashMap<>();
    Map<SideField, MethodHandle> initializers = new HashMap<>();
    try {
      for (Map.Entry<String, Integer> field : edit.next().sideFields().entrySet()) {
        String key = field.getKey();
        SideField store = runtime.store(key + "#" + field.getValue());
        MethodHandle initializer = initializer(own, classes, edit.initializers().get(key));
        if (store == null) {
          store = new SideField(MethodType.fromMethodDescriptorString("()" + key.substring(key.indexOf(':') + 1),
              type.getClassLoader()).returnType());
          store.initializer(initializer); // New: no code the class runs reads it yet.
        } else {
          initializers.put(store, initializer); // Once the class runs the new code.
        }
        stores.put(key + "#" + field.getValue(), store);
      }
      String link = edit.next().link();
      if (link != null) {
        change.restoreTable = fill(own, classes.get(link), edit.sites(), stores);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new Failure("cannot link " + e.getMessage(), e);
    }
    Map<Class<?>, byte[]> redefinitions = new LinkedHashMap<>();
    redefinitions.put(type, edit.classFile());
    edit.redefinitions().forEach((name, bytes) -> redefinitions.put(classes.get(name), bytes));
    return new Prepared(redefinitions, defined, classes, stores, initializers);
  }

  private static Class<?> define(Lookup own, InPlaceEdit.Definition definition) throws Failure {
    try {
      Class<?> made = own.defineClass(definition.bytes());
      if (definition.role().equals("link")) {
        own.ensureInitialized(made);
      } else {
        made.getDeclaredMethods(); // Links the class, and so verifies it, without initialising it.
      }
      return made;
    } catch (IllegalAccessException | LinkageError e) {
      throw new Failure("the " + definition.role() + " class " + definition.name().replace('/', '.')
          + " was refused: " + e, e);
    }
  }

  private static MethodHandle initializer(Lookup own, Map<String, Class<?>> classes, Home home)
      throws ReflectiveOperationException {
    if (home == null) {
      return null;
    }
    Class<?> owner = classes.get(home.owner());
    return own.findStatic(owner, home.name(),
        MethodType.fromMethodDescriptorString(home.descriptor(), owner.getClassLoader()));
  }

  /**
   * Writes the link table: the entries it had keep their index, new sites follow.
   *
   * @return what puts back the table as it was
   */
  private static Runnable fill(Lookup own, Class<?> link, List<Site> sites, Map<String, SideField> stores)
      throws ReflectiveOperationException {
    VarHandle table = MethodHandles.privateLookupIn(link, MethodHandles.lookup())
        .findStaticVarHandle(link, Generated.SITES, MethodHandle[].class);
    MethodHandle[] old = (MethodHandle[]) table.getVolatile();
    int kept = old == null ? 0 : old.length;
    MethodHandle[] entries = new MethodHandle[sites.size()];
    if (old != null) {
      System.arraycopy(old, 0, entries, 0, kept);
    }
    SiteLinks links = new SiteLinks(own, stores::get);
    for (int i = kept; i < entries.length; i++) {
      entries[i] = links.entry(sites.get(i));
    }
    table.setVolatile(entries);
    return () -> table.setVolatile(old);
  }

  private static String prefix(Class<?> type) {
    int generation;
    synchronized (GENERATIONS) {
      generation = ++GENERATIONS.get(type)[0];
    }
    String name = type.getName().replace('.', '/');
    return name + COMPANION_MARK + (generation == 1 ? "" : generation + "_");
  }

  /** Internal names of every supertype of a class: superclasses and all interfaces. */
  static Set<String> supertypes(Class<?> type) {
    Set<String> names = new LinkedHashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(type);
    while (!todo.isEmpty()) {
      Class<?> next = todo.poll();
      if (next.getSuperclass() != null) {
        todo.add(next.getSuperclass());
      }
      todo.addAll(List.of(next.getInterfaces()));
      if (next != type) {
        names.add(next.getName().replace('.', '/'));
      }
    }
    names.add("java/lang/Object");
    return names;
  }

  /**
   * What a changed class's runtime consists of, held weakly: its generated classes by internal name and the
   * stores of its added instance fields (both live on through the class loader, which holds the link table).
   */
  private static final class Runtime {
    private final Map<String, WeakReference<Class<?>>> classes = new HashMap<>();
    private final Map<String, WeakReference<SideField>> stores = new HashMap<>();

    Map<String, Class<?>> classes() {
      Map<String, Class<?>> alive = new HashMap<>();
      classes.forEach((name, ref) -> {
        Class<?> type = ref.get();
        if (type != null) {
          alive.put(name, type);
        }
      });
      return alive;
    }

    SideField store(String key) {
      WeakReference<SideField> ref = stores.get(key);
      return ref == null ? null : ref.get();
    }

    void applied(Prepared prepared) {
      prepared.classes.forEach((name, type) -> classes.put(name, new WeakReference<>(type)));
      stores.clear();
      prepared.stores.forEach((key, store) -> stores.put(key, new WeakReference<>(store)));
      prepared.initializers.forEach(SideField::initializer);
    }
  }
}
