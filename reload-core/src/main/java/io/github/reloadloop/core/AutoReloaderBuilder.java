package io.github.reloadloop.core;

import io.github.reloadloop.core.api.CompilerChoice;
import io.github.reloadloop.core.internal.project.Classpath;
import io.github.reloadloop.core.internal.project.ProjectModules;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Options for an {@link AutoReloader}, from {@link AutoReloader#builder()}; {@link #start()} checks them and
 * starts the reloader.
 *
 * @since 0.1.0
 */
public final class AutoReloaderBuilder {

  /**
   * What a reloader is started with: the options, checked, and what was found from them.
   *
   * @param roots the source roots, each once: those given, then those discovered
   * @param modules the project's modules around the module under test
   * @param jvmClasspath the class path patches compile against
   * @param outputs class directories given by root
   * @param listeners the reporter first, then the listeners, frozen
   */
  record Settings(List<Path> roots, ProjectModules modules, List<Path> jvmClasspath, Map<Path, Path> outputs,
      List<ReloadListener> listeners, CompilerChoice compiler, Duration debounce, Charset encoding,
      List<Path> processorPath, boolean watching, Instant changedSince) {}

  private final List<Path> roots = new ArrayList<>();
  private final Map<Path, Path> outputs = new LinkedHashMap<>();
  private Path moduleDirectory;
  private boolean discover;
  private final List<ReloadListener> listeners = new ArrayList<>();
  private CompilerChoice compiler = CompilerChoice.parse(System.getProperty(CompilerChoice.KEY));
  private Duration debounce = Duration.ofMillis(10);
  private ReloadListener reporter = new StandardErrorReporter(System.err);
  private List<Path> classpath;
  private Charset encoding = StandardCharsets.UTF_8;
  private List<Path> processorPath = List.of();
  private boolean watching = true;
  private Instant changedSince;

  AutoReloaderBuilder() {}

  /** Directories to watch, recursively. */
  public AutoReloaderBuilder sourceRoots(Path... sourceRoots) {
    for (Path root : sourceRoots) {
      roots.add(root.toAbsolutePath().normalize());
    }
    return this;
  }

  /**
   * Adds the source roots of every project module whose classes this JVM runs, found from the class path at
   * {@link #start()}: the module under test's main and test sources ({@link #moduleDirectory}, default the
   * working directory), and the sources of each module whose class directory ({@code target/classes},
   * {@code build/classes/java/main}, ...) or jar (one built in the checkout, or installed from a module the
   * checkout's {@code <modules>} list) is on the class path. Roots given with {@link #sourceRoots} are
   * watched too.
   */
  public AutoReloaderBuilder discoverSourceRoots() {
    this.discover = true;
    return this;
  }

  /**
   * The module under test: the directory of its {@code pom.xml} or {@code build.gradle(.kts)}, or one below
   * it. Default: the working directory when discovering, else the module of the first source root. Its
   * checkout is where a save outside the roots is noticed.
   */
  public AutoReloaderBuilder moduleDirectory(Path directory) {
    this.moduleDirectory = directory.toAbsolutePath().normalize();
    return this;
  }

  /** Which compiler builds patches; default {@link CompilerChoice#AUTO} (or the {@code reload.compiler} property). */
  public AutoReloaderBuilder compiler(CompilerChoice choice) {
    this.compiler = Objects.requireNonNull(choice);
    return this;
  }

  /**
   * The build's class directory of {@code root}, where its classes are loaded from (found from the classpath
   * when not given). The reloader never writes there: it writes to an overlay directory of its own.
   */
  public AutoReloaderBuilder outputDirectory(Path root, Path directory) {
    outputs.put(root.toAbsolutePath().normalize(), directory.toAbsolutePath().normalize());
    return this;
  }

  /**
   * How long the sources must stay quiet before a batch is applied; default 10 ms. With a debounce longer
   * than a millisecond, an editor's save (one or two files, none of them missing or empty) is compiled
   * meanwhile, once its events have been quiet for a millisecond; that compile is used only if the batch is
   * the same files, none deleted, and no event for it came after the compile started. Otherwise the batch is
   * compiled at the end, as with a shorter debounce.
   */
  public AutoReloaderBuilder debounce(Duration quietPeriod) {
    if (quietPeriod.isNegative() || quietPeriod.isZero()) {
      throw new IllegalArgumentException("debounce must be positive, was " + quietPeriod);
    }
    this.debounce = quietPeriod;
    return this;
  }

  /** Adds a listener; listeners are frozen at {@link #start()}. */
  public AutoReloaderBuilder listener(ReloadListener listener) {
    listeners.add(Objects.requireNonNull(listener));
    return this;
  }

  /** Replaces the default {@code System.err} reporting ({@link ReloadListener#NONE} silences it). */
  public AutoReloaderBuilder reporter(ReloadListener reporter) {
    this.reporter = Objects.requireNonNull(reporter);
    return this;
  }

  /** Reports to another stream than {@code System.err}. */
  public AutoReloaderBuilder reportTo(PrintStream out) {
    return reporter(new StandardErrorReporter(out));
  }

  /** Compiles against these entries instead of the running JVM's classpath. */
  public AutoReloaderBuilder classpath(List<Path> entries) {
    this.classpath = List.copyOf(entries);
    return this;
  }

  /** Encoding of the source files; default UTF-8. */
  public AutoReloaderBuilder encoding(Charset charset) {
    this.encoding = Objects.requireNonNull(charset);
    return this;
  }

  /**
   * Jars and directories searched for annotation processors before the classpath: for processors that
   * the build only has in the compiler plugin's {@code annotationProcessorPaths} (MapStruct's, say), which
   * are not on the running JVM's classpath. Processors named in a
   * {@code META-INF/services/javax.annotation.processing.Processor} file here or on the classpath run on
   * every patch, as they ran in the build. Default: none.
   *
   * @throws IllegalArgumentException for an entry that does not exist (the message names it)
   */
  public AutoReloaderBuilder processorPath(List<Path> entries) {
    List<Path> checked = new ArrayList<>();
    for (Path entry : entries) {
      Path absolute = entry.toAbsolutePath().normalize();
      if (!Files.exists(absolute)) {
        throw new IllegalArgumentException("processor path entry does not exist: " + absolute
            + "; give the jars (or class directories) of the annotation processors");
      }
      checked.add(absolute);
    }
    this.processorPath = List.copyOf(checked);
    return this;
  }

  /**
   * For a reloader started after the program it patches (the loop starts one at the first failure): the
   * sources saved at or after {@code instant} (the program's start) that are newer than their class files
   * count as saved when the reloader starts, and are compiled and applied first. Default: none, only saves
   * made after the start count.
   *
   * @since 0.1.0
   */
  public AutoReloaderBuilder changedSince(Instant instant) {
    this.changedSince = Objects.requireNonNull(instant);
    return this;
  }

  /** Starts without a file watcher: only {@link AutoReloader#reload} and awaitPendingReloads' scan find saves. */
  AutoReloaderBuilder withoutWatcher() {
    this.watching = false;
    return this;
  }

  /**
   * Validates the options and starts watching.
   *
   * @throws IllegalArgumentException when no root is given or a root is not an existing directory
   */
  public AutoReloader start() {
    return start(false);
  }

  /**
   * Validates the options and starts the reloader <em>held</em>: it watches and warms its compiler up, but
   * loads no agent, reloads nothing and tells its listeners nothing (warnings are kept) until
   * {@link AutoReloader#release()}. For a program that may need the reloader soon and wants its first save to
   * cost what later ones cost, without anything it would notice meanwhile: the warm-up's compiles (on a thread
   * of their own, a few seconds of one core for a cold JVM) are all it costs. {@link AutoReloader#awaitPendingReloads}
   * waits for the release.
   *
   * @throws IllegalArgumentException as {@link #start()}
   * @since 0.1.0
   */
  public AutoReloader startHeld() {
    return start(true);
  }

  private AutoReloader start(boolean held) {
    if (roots.isEmpty() && !discover) {
      throw new IllegalArgumentException("no source root given: name at least one directory to watch");
    }
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException((Files.exists(root) ? "source root is not a directory: "
            : "source root does not exist: ") + root);
      }
    }
    List<Path> jvmClasspath = classpath != null ? classpath : Classpath.ofRunningJvm();
    ProjectModules modules = modules(jvmClasspath);
    List<ReloadListener> all = new ArrayList<>();
    all.add(reporter);
    all.addAll(listeners);
    return new AutoReloader(new Settings(allRoots(modules), modules, jvmClasspath, new LinkedHashMap<>(outputs),
        List.copyOf(all), compiler, debounce, encoding, processorPath, watching, changedSince), held);
  }

  /** The project's modules, read from the class path around the module under test. */
  private ProjectModules modules(List<Path> classpath) {
    Path module = moduleDirectory != null ? moduleDirectory
        : discover ? Path.of("").toAbsolutePath() : roots.isEmpty() ? null : roots.get(0);
    return ProjectModules.discover(module, classpath);
  }

  /** The roots given, then, when discovering, those found; each once. */
  private List<Path> allRoots(ProjectModules modules) {
    Set<Path> all = new LinkedHashSet<>(roots);
    if (discover) {
      all.addAll(modules.defaultRoots());
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no source root found: no Maven or Gradle module with Java sources at "
          + (moduleDirectory != null ? moduleDirectory : Path.of("").toAbsolutePath())
          + " or on the class path; name the directories to watch");
    }
    return List.copyOf(all);
  }
}
