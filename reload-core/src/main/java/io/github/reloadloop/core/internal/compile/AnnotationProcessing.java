package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.api.CompileProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Processor;

/**
 * The annotation processors a patch is compiled with, as the build ran them: every processor named in a
 * {@code META-INF/services/javax.annotation.processing.Processor} file on the processor path (explicit
 * entries first, then the compile classpath). They are handed to the compiler explicitly, so that JDK 23's
 * default of no implicit processing does not matter, each wrapped in a {@link ReportingProcessor}; a
 * {@link MissingProcessorCheck} joins them for known annotations whose processor is absent. The processors'
 * class loader is created once and kept, so that a processor's classes (Lombok's are many) load once, not
 * on every compile; new processor instances are made for every compile, as the compiler would.
 *
 * <p>Threading: used by one {@link ToolCompiler}, which compiles one batch at a time.
 */
final class AnnotationProcessing implements AutoCloseable {

  private final ProcessorPath path;
  private final List<KnownProcessors.Known> missing;
  private final ClassLoader parent;
  private URLClassLoader loader;

  AnnotationProcessing(List<Path> processorPath, List<Path> classpath, ClassLoader parent) {
    this.path = ProcessorPath.discover(processorPath, classpath);
    this.missing = KnownProcessors.missing(new ProcessorPath(classpath, List.of()), path);
    this.parent = parent;
  }

  /** Whether any processor runs: otherwise the compiler is told not to process at all ({@code -proc:none}). */
  boolean active() {
    return !path.processors().isEmpty() || !missing.isEmpty();
  }

  /** The names of the processors found, in path order. */
  List<String> processorNames() {
    return path.processors();
  }

  /**
   * The annotation types the processors found claim ({@code *} for every type, {@code pkg.*} for a package's),
   * as each says before it is initialised; none when no processor runs or none can be created.
   */
  Set<String> annotationTypes() {
    List<CompileProblem> problems = new ArrayList<>();
    Set<String> types = new LinkedHashSet<>();
    for (Processor processor : create(problems)) {
      if (!(processor instanceof MissingProcessorCheck)) {
        try {
          types.addAll(processor.getSupportedAnnotationTypes());
        } catch (RuntimeException | LinkageError e) {
          // Asked before init, as javac does not: a processor that cannot say has no exemplar to warm up with.
        }
      }
    }
    return types;
  }

  /**
   * Fresh processor instances for one compile. A processor that cannot be created is reported in
   * {@code problems} with what to add; the compile must then not go ahead.
   */
  List<Processor> create(List<CompileProblem> problems) {
    List<Processor> processors = new ArrayList<>();
    for (String name : path.processors()) {
      try {
        Class<?> type = Class.forName(name, true, loader());
        processors.add(new ReportingProcessor((Processor) type.getDeclaredConstructor().newInstance()));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        problems.add(new CompileProblem(null, 0, 0, "annotation processor " + name + " cannot run: "
            + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + ". It is named in a " + ProcessorPath.SERVICE + " file on the classpath or processor path; add"
            + " the jars it needs (as in the compiler plugin's annotationProcessorPaths) to reload.processorpath"));
      }
    }
    if (!missing.isEmpty()) {
      processors.add(new MissingProcessorCheck(missing));
    }
    return processors;
  }

  private ClassLoader loader() {
    if (loader == null) {
      URL[] urls = path.entries().stream().map(AnnotationProcessing::url).toArray(URL[]::new);
      loader = new URLClassLoader("reload-loop-processors", urls, parent);
    }
    return loader;
  }

  private static URL url(Path entry) {
    try {
      return entry.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a usable processor path entry: " + entry, e);
    }
  }

  @Override
  public void close() {
    if (loader != null) {
      try {
        loader.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the annotation processors' class loader", e);
      }
      loader = null;
    }
  }
}
