package io.github.reloadloop.junit.internal.attach;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the console sockets of test runs below a directory (or above it, when nothing is below), and asks
 * each what it is doing. Looks only into build directories ({@code target}, {@code build}) and skips sources,
 * hidden directories and {@code node_modules}, so a big checkout is walked quickly.
 */
final class WaitingRuns {

  private static final int MAX_DEPTH = 8;
  private static final Set<String> BUILD_DIRECTORIES = Set.of("target", "build");
  private static final Set<String> NOT_WALKED = Set.of("src", "node_modules");

  /** A run found: its socket and what it said it does. */
  record Run(Path socket, String description) {}

  /**
   * What the search found.
   *
   * @param runs the runs that answered
   * @param removed socket directories of runs that are gone, removed
   * @param unreachable runs that could not be asked or refused to answer, each in a sentence naming its socket
   */
  record Found(List<Run> runs, List<Path> removed, List<String> unreachable) {}

  private WaitingRuns() {}

  /**
   * The runs at {@code place}: a socket file, a socket directory, or a directory to search below (then
   * above, when nothing is below). Removes what runs that are gone left behind.
   */
  static Found find(Path place) throws IOException {
    List<Path> sockets = sockets(place.toAbsolutePath().normalize());
    List<Run> runs = new ArrayList<>();
    List<Path> removed = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    for (Path socket : sockets) {
      Path directory = socket.getParent();
      if (ConsoleSockets.stale(directory)) {
        if (ConsoleSockets.remove(directory)) {
          removed.add(directory);
        }
        continue;
      }
      try {
        runs.add(new Run(socket, probe(socket)));
      } catch (Relay.RefusedException e) {
        unreachable.add("the run at " + socket + " refused: " + e.getMessage());
      } catch (IOException e) {
        unreachable.add("cannot ask " + socket + ": " + e.getMessage());
      }
    }
    return new Found(runs, removed, unreachable);
  }

  /** The sockets at {@code place}, sorted by path. */
  static List<Path> sockets(Path place) throws IOException {
    Set<Path> found = new TreeSet<>();
    if (Files.exists(place) && !Files.isDirectory(place)) {
      found.add(place); // A socket file named directly.
      return List.copyOf(found);
    }
    if (Files.exists(place.resolve(ConsoleSockets.SOCKET))) {
      found.add(place.resolve(ConsoleSockets.SOCKET));
      return List.copyOf(found);
    }
    if (!Files.isDirectory(place)) {
      throw new IOException(place + " does not exist");
    }
    walk(place, found);
    for (Path above = place.getParent(); found.isEmpty() && above != null; above = above.getParent()) {
      for (String build : BUILD_DIRECTORIES) {
        inBuildDirectory(above.resolve(build), found);
      }
    }
    return List.copyOf(found);
  }

  private static void walk(Path top, Set<Path> found) throws IOException {
    Files.walkFileTree(top, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
            String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
            if (BUILD_DIRECTORIES.contains(name)) {
              inBuildDirectory(directory, found);
              return FileVisitResult.SKIP_SUBTREE;
            }
            boolean skipped = !directory.equals(top) && (name.startsWith(".") || NOT_WALKED.contains(name));
            return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // A directory we may not read holds no run of ours.
          }
        });
  }

  private static void inBuildDirectory(Path buildDirectory, Set<Path> found) {
    Path parent = buildDirectory.resolve(ConsoleSockets.PARENT);
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, ConsoleSockets.PREFIX + "*")) {
      for (Path directory : entries) {
        found.add(directory.resolve(ConsoleSockets.SOCKET));
      }
    } catch (IOException e) {
      // Not readable (another user's build): nothing of ours.
    }
  }

  /**
   * Asks the run at {@code socket} what it does, without attaching.
   *
   * @throws Relay.RefusedException with the run's reason, when it refuses (another user's run)
   */
  static String probe(Path socket) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(ConsoleSockets.address(socket));
      DataOutputStream out = Frames.output(channel);
      DataInputStream in = Frames.input(channel);
      Frames.write(out, Frames.HELLO, Frames.hello(Frames.PROBE, 0, 0));
      Frames.Frame answer = Frames.expect(in, Frames.WELCOME, Frames.REFUSED);
      if (answer.type() == Frames.REFUSED) {
        throw new Relay.RefusedException(answer.text());
      }
      return answer.text();
    }
  }
}
