package io.github.reloadloop.junit.internal.examine.access;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The compiler's view of the class path for JShell, in which the class files of the project's class
 * directories are {@linkplain AccessOpener opened}: JShell compiles snippets in a package of its own, and
 * would otherwise refuse {@code test.ledger} for a package-private test class with a private field.
 * Reads the class files on demand, so the view follows reloads. Nothing is written anywhere.
 */
public final class OpenedClassFiles extends ForwardingJavaFileManager<StandardJavaFileManager>
    implements StandardJavaFileManager {

  private final List<Path> directories;

  /** @param directories the project's class directories (build output), whose classes are opened */
  public OpenedClassFiles(StandardJavaFileManager delegate, Collection<Path> directories) {
    super(delegate);
    this.directories = directories.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  @Override
  public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
      boolean recurse) throws IOException {
    Iterable<JavaFileObject> files = super.list(location, packageName, kinds, recurse);
    if (location != StandardLocation.CLASS_PATH) {
      return files;
    }
    List<JavaFileObject> result = new ArrayList<>();
    files.forEach(file -> result.add(wrap(file)));
    return result;
  }

  @Override
  public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
      throws IOException {
    JavaFileObject file = super.getJavaFileForInput(location, className, kind);
    return location == StandardLocation.CLASS_PATH && file != null ? wrap(file) : file;
  }

  @Override
  public String inferBinaryName(Location location, JavaFileObject file) {
    return super.inferBinaryName(location, unwrap(file));
  }

  @Override
  public boolean isSameFile(FileObject a, FileObject b) {
    return super.isSameFile(unwrap(a), unwrap(b));
  }

  @Override
  public boolean contains(Location location, FileObject file) throws IOException {
    return super.contains(location, unwrap(file));
  }

  private JavaFileObject wrap(JavaFileObject file) {
    if (file.getKind() != JavaFileObject.Kind.CLASS || !"file".equals(file.toUri().getScheme())) {
      return file;
    }
    Path path = Path.of(file.toUri()).toAbsolutePath().normalize();
    return directories.stream().anyMatch(path::startsWith) ? new Opened(file) : file;
  }

  private static <T extends FileObject> T unwrap(T file) {
    @SuppressWarnings("unchecked")
    T original = file instanceof Opened opened ? (T) opened.original() : file;
    return original;
  }

  /** A project class file whose bytes are opened when the compiler reads them. */
  private static final class Opened extends ForwardingJavaFileObject<JavaFileObject> {
    Opened(JavaFileObject file) {
      super(file);
    }

    JavaFileObject original() {
      return fileObject;
    }

    @Override
    public InputStream openInputStream() throws IOException {
      try (InputStream in = fileObject.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        try {
          return new ByteArrayInputStream(AccessOpener.open(bytes));
        } catch (RuntimeException e) {
          return new ByteArrayInputStream(bytes); // Not a class file we understand: the compiler reads it as it is.
        }
      }
    }
  }

  // StandardJavaFileManager: the file manager JShell is given must be one; everything else is delegated.

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
    return fileManager.getJavaFileObjectsFromFiles(files);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
    return fileManager.getJavaFileObjectsFromPaths(paths);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
    return fileManager.getJavaFileObjects(files);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
    return fileManager.getJavaFileObjects(paths);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
    return fileManager.getJavaFileObjectsFromStrings(names);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
    return fileManager.getJavaFileObjects(names);
  }

  @Override
  public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
    fileManager.setLocation(location, files);
  }

  @Override
  public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
    fileManager.setLocationFromPaths(location, paths);
  }

  @Override
  public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
      throws IOException {
    fileManager.setLocationForModule(location, moduleName, paths);
  }

  @Override
  public Iterable<? extends File> getLocation(Location location) {
    return fileManager.getLocation(location);
  }

  @Override
  public Iterable<? extends Path> getLocationAsPaths(Location location) {
    return fileManager.getLocationAsPaths(location);
  }

  @Override
  public Path asPath(FileObject file) {
    return fileManager.asPath(unwrap(file));
  }

  @Override
  public void setPathFactory(PathFactory factory) {
    fileManager.setPathFactory(factory);
  }
}
