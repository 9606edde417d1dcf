package io.github.reloadloop.junit.internal.attach;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Where a waiting run's console socket lives, and how to tell one left by a run that is gone. Each test JVM
 * has a directory of its own, {@code <build directory>/reload-loop/attach-<pid>/}, created owner-only, holding
 * the socket {@value #SOCKET}. The test JVM and the {@code attach} command both use this class.
 */
public final class ConsoleSockets {

  /** The build directory's subdirectory that reload-loop keeps its files in (the reloader's overlays too). */
  public static final String PARENT = "reload-loop";
  static final String PREFIX = "attach-";
  public static final String SOCKET = "console.sock";
  /** The longest path a Unix domain socket address can hold on Linux ({@code sun_path} less its NUL). */
  static final int MAX_ADDRESS_BYTES = 107;

  private ConsoleSockets() {}

  /** The socket directory of process {@code pid} below {@code buildDirectory}. */
  public static Path directory(Path buildDirectory, long pid) {
    return buildDirectory.resolve(PARENT).resolve(PREFIX + pid);
  }

  /**
   * The address of {@code socket}: its absolute path, or, when that is longer than a socket address can be,
   * its path relative to the working directory if that fits.
   *
   * @throws IOException naming the path and the limit when neither fits
   */
  public static UnixDomainSocketAddress address(Path socket) throws IOException {
    Path absolute = socket.toAbsolutePath().normalize();
    if (fits(absolute)) {
      return UnixDomainSocketAddress.of(absolute);
    }
    Path relative = Path.of("").toAbsolutePath().relativize(absolute);
    if (fits(relative)) {
      return UnixDomainSocketAddress.of(relative);
    }
    throw new IOException("the console's socket path " + absolute + " is longer than a Unix domain socket address"
        + " can be (" + MAX_ADDRESS_BYTES + " bytes), also relative to " + Path.of("").toAbsolutePath());
  }

  private static boolean fits(Path path) {
    return path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_ADDRESS_BYTES;
  }

  /** The process id in a socket directory's name, if it is one. */
  static OptionalLong pid(Path directory) {
    String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
    if (!name.startsWith(PREFIX)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(name.substring(PREFIX.length())));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Whether the socket directory {@code directory} was left by a run that is gone: its process no longer
   * runs, or no longer is the process that made it (its id was reused: the process started after the socket
   * was made), or nothing answers on its socket. A directory whose process runs and has not made its socket
   * yet is not stale.
   */
  public static boolean stale(Path directory) {
    OptionalLong pid = pid(directory);
    if (pid.isEmpty()) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong());
    if (process.isEmpty()) {
      return true;
    }
    Path socket = directory.resolve(SOCKET);
    if (!Files.exists(socket)) {
      return false;
    }
    Optional<Instant> started = process.get().info().startInstant();
    try {
      if (started.isPresent() && started.get().isAfter(Files.getLastModifiedTime(socket).toInstant())) {
        return true;
      }
    } catch (IOException e) {
      return false; // Gone meanwhile, or not readable: not ours to judge.
    }
    return refusesConnections(socket);
  }

  /** Whether connecting to {@code socket} is refused: no process listens on it. */
  static boolean refusesConnections(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(address(socket));
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false; // Not allowed, or a path too long: not ours to judge.
    }
  }

  /** Removes the socket directories of runs that are gone below {@code buildDirectory}. */
  public static List<Path> removeStale(Path buildDirectory) {
    List<Path> removed = new ArrayList<>();
    Path parent = buildDirectory.resolve(PARENT);
    if (!Files.isDirectory(parent)) {
      return removed;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
      for (Path directory : entries) {
        if (stale(directory) && remove(directory)) {
          removed.add(directory);
        }
      }
    } catch (IOException e) {
      // Not readable now: the next run looks again.
    }
    return removed;
  }

  /** Removes a socket directory and what is in it; {@code false} if it could not. */
  public static boolean remove(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
      return true;
    } catch (IOException | java.io.UncheckedIOException e) {
      return false; // Another process removes it at the same moment, or it is not ours: left as it is.
    }
  }
}
