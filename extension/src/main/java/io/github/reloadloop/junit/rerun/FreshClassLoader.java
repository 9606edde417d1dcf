package io.github.reloadloop.junit.rerun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A child-first class loader over the project's class output directories, for a rerun after changes the
 * JVM refused to redefine: project and test classes are loaded anew from the directories (where the
 * newest class files were written), everything else, JUnit, the extension, JLine, Byte Buddy and the JDK
 * included, comes from the parent, so that there is one copy of each.
 */
public final class FreshClassLoader extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final List<String> PARENT_FIRST = List.of(
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.junit.", "org.opentest4j.", "org.apiguardian.",
      "io.github.reloadloop.core.", "io.github.reloadloop.junit.", "org.jline.", "net.bytebuddy.",
      "org.eclipse.jdt.", "org.apache.maven.surefire.", "org.assertj.", "org.mockito.", "org.hamcrest.");

  private final int generation;

  /**
   * @param directories the class output directories, in classpath order
   * @param generation a number shown in the loader's name, for diagnostics
   */
  public FreshClassLoader(Collection<Path> directories, ClassLoader parent, int generation) {
    super("reload-loop-fresh-" + generation, urls(directories), parent);
    this.generation = generation;
  }

  public int generation() {
    return generation;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (parentFirst(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException e) {
          return super.loadClass(name, resolve);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = name.endsWith(".class") && parentFirst(name.replace('/', '.')) ? null : findResource(name);
    return own != null ? own : super.getResource(name);
  }

  static boolean parentFirst(String className) {
    for (String prefix : PARENT_FIRST) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static URL[] urls(Collection<Path> directories) {
    return directories.stream().map(FreshClassLoader::url).toArray(URL[]::new);
  }

  private static URL url(Path directory) {
    try {
      return directory.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(new IOException("bad class directory " + directory, e));
    }
  }
}
