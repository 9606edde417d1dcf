package io.github.reloadloop.junit.internal.examine.access;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;

/**
 * Loads JShell's snippet classes into the test's own package and class loader, so that snippets see the
 * test's classes (also those of a fresh class loader) and its package-private members, with
 * {@link Bridges} for private members. Each instance gives its snippets a unique name prefix, because the
 * classes stay in the test's class loader.
 *
 * <p>Threading: JShell calls it from the thread that evaluates.
 */
public final class SnippetLoader implements LoaderDelegate {

  private static final String REPL = "REPL/";

  private final MethodHandles.Lookup lookup;
  private final SnippetRewriter rewriter;
  private final String prefix;
  private final Map<String, Class<?>> snippets = new ConcurrentHashMap<>();
  private final List<Class<?>> loaded = new java.util.concurrent.CopyOnWriteArrayList<>();
  private int batches;

  /**
   * @param anchor a class of the package and class loader the snippets run in: the test class
   * @throws IllegalAccessException if the anchor's package is not open to this extension (a named module)
   */
  public SnippetLoader(Class<?> anchor) throws IllegalAccessException {
    this.lookup = MethodHandles.privateLookupIn(anchor, MethodHandles.lookup());
    String packagePath = anchor.getPackageName().isEmpty() ? "" : anchor.getPackageName().replace('.', '/') + "/";
    this.prefix = packagePath + "$examine" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL) + "$";
    this.rewriter = new SnippetRewriter(REPL, prefix);
  }

  @Override
  public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException {
    boolean[] installed = new boolean[classes.length];
    Bridges bridges = new Bridges(lookup, prefix + "Bridge" + (batches++));
    byte[][] rewritten = new byte[classes.length][];
    try {
      for (int i = 0; i < classes.length; i++) {
        rewritten[i] = rewriter.rewrite(classes[i].bytecodes(), bridges);
      }
      if (!bridges.isEmpty()) {
        bridges.define();
      }
      for (int i = 0; i < classes.length; i++) {
        Class<?> defined = lookup.defineClass(rewritten[i]);
        snippets.put(classes[i].name(), defined);
        loaded.add(defined);
        installed[i] = true;
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new ClassInstallException("cannot load a snippet into the test's package: " + e, installed);
    }
  }

  @Override
  public void classesRedefined(ClassBytecodes[] classes) {
    // Local execution does not redefine snippet classes; JShell loads a replaced snippet under a new name.
  }

  @Override
  public void addToClasspath(String path) throws InternalException {
    throw new InternalException("snippets see the test's class path; nothing can be added to it");
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> snippet = snippets.get(name);
    if (snippet != null) {
      return snippet;
    }
    if (name.startsWith("REPL.")) {
      throw new ClassNotFoundException(name);
    }
    return Class.forName(name, false, lookup.lookupClass().getClassLoader());
  }

  /** The snippet classes loaded so far, oldest first: after a declaration, the class that holds it is among them. */
  public List<Class<?>> loaded() {
    return List.copyOf(loaded);
  }
}
