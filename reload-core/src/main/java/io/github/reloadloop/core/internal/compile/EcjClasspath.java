package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.internal.project.Classpath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.internal.compiler.batch.ClasspathJar;
import org.eclipse.jdt.internal.compiler.batch.FileSystem;

/**
 * ecj's name environment over a fixed class path, with what cannot change between compiles kept: the JDK's
 * modules and each jar, open with its package index, for as long as the jar's size and modification time stay
 * the same (a jar rebuilt during the session is opened again). Directories (class directories, overlays, the
 * staging directory) get new entries for every compile, so a class changed, added or deleted there is seen as
 * a fresh ecj run sees it; so does a directory or jar that appears later.
 *
 * <p>Threading: one compile at a time per instance; {@link EcjCompiler} is synchronized.
 */
final class EcjClasspath implements AutoCloseable {

  /** ecj keeps the JDK's module image in a static cache that is not safe for two threads at once. */
  private static final Object JRT_LOCK = new Object();

  private final List<Path> entries;
  private final Map<Path, KeptJar> jars = new HashMap<>();
  private FileSystem.Classpath jdk;
  private int opened;

  /** @param entries the class path in order; what does not exist yet is looked for again on every compile */
  EcjClasspath(List<Path> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * The name environment for one compile; {@link FileSystem#cleanup()} must not be called on it (that would
   * drop the kept jars' indexes).
   *
   * @param options ecj's options for this compile (they decide how a class directory is read)
   * @param units the file names of the compiled sources, which the environment does not answer for
   */
  FileSystem environment(Map<String, String> options, String[] units) {
    List<FileSystem.Classpath> classpath = new ArrayList<>(entries.size() + 1);
    classpath.add(jdk());
    for (Path entry : entries) {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(entry, BasicFileAttributes.class);
      } catch (IOException e) {
        continue; // Absent: as for a fresh ecj, which leaves out class path entries that do not exist.
      }
      if (attributes.isDirectory()) {
        FileSystem.Classpath directory = FileSystem.getClasspath(entry.toString(), null, false, null, null,
            options, null);
        if (directory != null) {
          try {
            directory.initialize();
            classpath.add(directory);
          } catch (IOException e) {
            // Unreadable now: left out of this compile, as ecj's command line would.
          }
        }
      } else if (attributes.isRegularFile()) {
        KeptJar jar = jar(entry, attributes);
        if (jar != null) {
          classpath.add(jar);
        }
      }
    }
    return new Environment(classpath.toArray(new FileSystem.Classpath[0]), units);
  }

  private FileSystem.Classpath jdk() {
    if (jdk == null) {
      synchronized (JRT_LOCK) {
        jdk = FileSystem.getJrtClasspath(System.getProperty("java.home"), null, null, null);
      }
    }
    return jdk;
  }

  /** The kept jar at {@code path}, opened again if it changed; {@code null} when it is not a readable zip file. */
  private KeptJar jar(Path path, BasicFileAttributes attributes) {
    long modified = attributes.lastModifiedTime().toMillis();
    KeptJar kept = jars.get(path);
    if (kept != null && (kept.size != attributes.size() || kept.modified != modified)) {
      kept.close();
      kept = null;
    }
    if (kept == null) {
      kept = new KeptJar(path.toFile(), attributes.size(), modified);
      try {
        kept.initialize();
      } catch (IOException e) {
        jars.remove(path);
        return null; // Not a zip file: ecj's command line leaves such an entry out too.
      }
      jars.put(path, kept);
      opened++;
    }
    return kept;
  }

  /** How many times a jar was opened since construction (once per jar, again after it changed). */
  int openedJars() {
    return opened;
  }

  /** Closes the kept jars. */
  @Override
  public void close() {
    jars.values().forEach(KeptJar::close);
    jars.clear();
  }

  /** A jar that stays open between compiles until {@link #close()}. */
  private static final class KeptJar extends ClasspathJar {
    final long size;
    final long modified;

    KeptJar(File file, long size, long modified) {
      super(file, false, null, null);
      this.size = size;
      this.modified = modified;
    }

    void close() {
      closeZipFileAtEnd = true;
      reset();
    }
  }

  /** {@link FileSystem}'s constructor over ready entries is protected. */
  private static final class Environment extends FileSystem {
    Environment(Classpath[] classpath, String[] units) {
      super(classpath, units, false);
    }
  }
}
