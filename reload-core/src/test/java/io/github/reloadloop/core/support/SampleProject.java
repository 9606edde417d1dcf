package io.github.reloadloop.core.support;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.AutoReloaderBuilder;
import io.github.reloadloop.core.ReloadListener;
import io.github.reloadloop.core.internal.compile.CompilerKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A small project in a temporary directory: a source root, a class output directory built by a real
 * compiler, and a class loader over that directory, as a running application would have.
 */
public final class SampleProject implements AutoCloseable {

  public final Path root;
  public final Path out;
  private URLClassLoader loader;

  public SampleProject(Path directory) {
    this.root = directory.resolve("src/main/java");
    this.out = directory.resolve("target/classes");
    try {
      Files.createDirectories(root);
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes (or overwrites in place) a source file below the root. */
  public Path write(String relativePath, String text) {
    Path file = root.resolve(relativePath);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public Path file(String relativePath) {
    return root.resolve(relativePath);
  }

  /** Builds every source into the output directory, as the build tool did before the program started. */
  public SampleProject build(CompilerKind kind) {
    FixtureCompiler.compileTree(kind, root, out);
    return this;
  }

  /** Builds for the running JVM's own release, as a build on this JDK without a release setting would. */
  public SampleProject buildForRunningRelease(CompilerKind kind) {
    FixtureCompiler.compileTree(kind, root, out, Integer.toString(Runtime.version().feature()));
    return this;
  }

  /** Loads a class through the project's class loader (parent: the test's loader, so reload-core is shared). */
  public Class<?> load(String className) {
    try {
      if (loader == null) {
        loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, SampleProject.class.getClassLoader());
      }
      return Class.forName(className, true, loader);
    } catch (ClassNotFoundException | MalformedURLException e) {
      throw new AssertionError("cannot load " + className, e);
    }
  }

  /** A reloader over this project: silent reporter, explicit output directory. */
  public AutoReloaderBuilder reloader(ReloadListener listener) {
    return AutoReloader.builder().sourceRoots(root).outputDirectory(root, out).reporter(ReloadListener.NONE)
        .listener(listener);
  }

  /** Every regular file below the root with its content, for "nothing was written here" checks. */
  public Map<String, String> sourceTree() {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Every file below {@code directory} with a SHA-256 of its content, for "byte for byte unchanged" checks. */
  public static Map<String, String> checksums(Path directory) {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> tree = Files.walk(directory)) {
      for (Path p : tree.filter(Files::isRegularFile).toList()) {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        sums.put(directory.relativize(p).toString(), java.util.HexFormat.of().formatHex(digest));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    return sums;
  }

  /** Calls a public or non-public method by name on an instance (or on a class for static methods). */
  public static Object call(Object target, String method, Object... args) {
    Class<?> type = target instanceof Class<?> c ? c : target.getClass();
    Method found = Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.getName().equals(method) && m.getParameterCount() == args.length).findFirst()
        .orElseThrow(() -> new AssertionError("no method " + method + " in " + type));
    try {
      found.setAccessible(true);
      return found.invoke(target instanceof Class<?> ? null : target, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("calling " + method + " failed", e);
    }
  }

  public static Object staticField(Class<?> type, String name) {
    try {
      var field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (loader != null) {
      loader.close();
    }
  }
}
