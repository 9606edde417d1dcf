package io.github.reloadloop.junit.internal.console.attach;

import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.internal.attach.AttachCommand;
import io.github.reloadloop.junit.internal.attach.ConsoleSockets;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens an {@link AttachConsole} at the first failure, its socket in
 * {@code <build directory>/reload-loop/attach-<pid>/}. The build directory is the one holding the module's
 * class directories on the test class path ({@code target} for Maven, {@code build} for Gradle).
 */
public final class AttachConsoleFactory implements ConsoleFactory {

  private final Path moduleDirectory;
  private final Path buildDirectory;
  private final Path directory;
  private final Duration timeout;

  /**
   * @param moduleDirectory the module under test
   * @param timeout how long a failure waits for a terminal to attach ({@code reload.attach.timeout})
   */
  public AttachConsoleFactory(Path moduleDirectory, Duration timeout) {
    this.moduleDirectory = moduleDirectory;
    this.buildDirectory = buildDirectory(moduleDirectory, testClassPath());
    this.directory = ConsoleSockets.directory(buildDirectory, ProcessHandle.current().pid());
    this.timeout = timeout;
  }

  /**
   * Checks that the socket can be made: a POSIX file system, a build directory it can write, a path short
   * enough for a socket address. Removes the socket directories of earlier runs that are gone.
   */
  @Override
  public String unavailableReason() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return "the attach console needs a POSIX file system (Linux, macOS)";
    }
    Path parent = directory.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      return "cannot create the console's socket directory " + directory + " (" + e + ")";
    }
    if (!Files.isWritable(parent)) {
      return "cannot create the console's socket directory " + directory + ": " + parent + " is not writable";
    }
    try {
      ConsoleSockets.address(directory.resolve(ConsoleSockets.SOCKET));
    } catch (IOException e) {
      return e.getMessage();
    }
    ConsoleSockets.removeStale(buildDirectory);
    return null;
  }

  @Override
  public LoopConsole open() throws IOException {
    String jar = AttachCommand.commandLine(AttachCommand.location());
    Path target = directory.startsWith(moduleDirectory) ? moduleDirectory : directory;
    String here = Path.of("").toAbsolutePath().equals(target) ? "" : " " + target;
    String howToAttach = "reload-loop attach" + here + "  (or: " + jar + " attach " + target + ")";
    return AttachConsole.open(directory, timeout, howToAttach,
        "pid " + ProcessHandle.current().pid() + " in " + moduleDirectory, System.err);
  }

  /** The socket's directory. */
  Path directory() {
    return directory;
  }

  /** Surefire's test class path when it has one, else the JVM's. */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path", ""));
  }

  /**
   * The build directory of the module: the {@code target} or {@code build} directory that holds a class
   * directory of the module on {@code classPath}; else the module's {@code target} or {@code build} if there
   * is one; else a directory below the system's temporary directory (then the line on the test output names
   * it in full).
   */
  static Path buildDirectory(Path moduleDirectory, String classPath) {
    Path module = moduleDirectory.toAbsolutePath().normalize();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath().normalize();
      for (Path p = path.getParent(); p != null && p.startsWith(module) && !p.equals(module); p = p.getParent()) {
        String name = p.getFileName().toString();
        if ((name.equals("target") || name.equals("build")) && p.getParent().equals(module)) {
          return p;
        }
      }
    }
    for (String name : new String[] {"target", "build"}) {
      if (Files.isDirectory(module.resolve(name))) {
        return module.resolve(name);
      }
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "reload-loop-" + System.getProperty("user.name"));
  }
}
