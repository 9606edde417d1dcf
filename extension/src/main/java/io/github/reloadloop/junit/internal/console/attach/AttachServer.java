package io.github.reloadloop.junit.internal.console.attach;

import io.github.reloadloop.junit.internal.attach.ConsoleSockets;
import io.github.reloadloop.junit.internal.attach.Frames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The console's Unix domain socket: a directory of its own, owner-only ({@code rwx------}), with the socket in
 * it; a thread that accepts clients, refuses those of another user (peer credentials) and those that do not
 * speak the protocol, answers probes, and hands an {@code attach} to the console. Closing (or the JVM's
 * shutdown, after Ctrl-C or a kill) removes the socket and its directory.
 *
 * <p>Threading: the accepting thread and one short-lived thread per connection, all named daemons.
 */
final class AttachServer implements AutoCloseable {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
  private static final String BINDING = "s";

  /** The console behind the socket. */
  interface Console {
    /** What a probe is told: which run this is, and whether it waits at a failure. */
    String describe();

    /**
     * A client asks to attach with its window's size.
     *
     * @return {@code null} when the console took the link (its input is then read into {@link #input} until
     *     the client leaves, and {@link #detached} follows), else why not (then the link is closed)
     */
    String attach(ClientLink link, int columns, int rows);

    /** Where an attached client's keys and window sizes go. */
    ClientLink.Input input();

    /** The client of {@code link} left (detached, disconnected, or closed by the run). */
    void detached(ClientLink link);
  }

  private final Path directory;
  private final ServerSocketChannel server;
  private final UserPrincipal owner;
  private final Console console;
  private final Thread shutdownHook;
  private final Set<SocketChannel> handshaking = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private AttachServer(Path directory, ServerSocketChannel server, UserPrincipal owner, Console console) {
    this.directory = directory;
    this.server = server;
    this.owner = owner;
    this.console = console;
    this.shutdownHook = new Thread(this::removeFiles, "reload-loop-attach-cleanup");
  }

  /** Creates the directory, binds the socket and starts accepting clients. */
  static AttachServer start(Path directory, Console console) throws IOException {
    createOwnerOnly(directory);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      // Bound under another name, then renamed: the socket file appears only once the socket listens (the
      // JDK makes the file, then listens), so a client never takes a run that is starting for one that is gone.
      Path binding = directory.resolve(BINDING);
      server.bind(ConsoleSockets.address(binding));
      Files.move(binding, directory.resolve(ConsoleSockets.SOCKET), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      server.close();
      ConsoleSockets.remove(directory);
      throw new IOException("cannot open the console's socket in " + directory + ": " + e.getMessage(), e);
    }
    AttachServer attach = new AttachServer(directory, server, Files.getOwner(directory), console);
    Runtime.getRuntime().addShutdownHook(attach.shutdownHook);
    Thread acceptor = new Thread(attach::accept, "reload-loop-attach");
    acceptor.setDaemon(true);
    acceptor.start();
    return attach;
  }

  /**
   * Makes {@code directory} anew, readable and writable by this user only, whatever the umask says. One with
   * this process's id can only be a leftover of a process that had the same id before.
   */
  private static void createOwnerOnly(Path directory) throws IOException {
    Files.createDirectories(directory.getParent());
    if (Files.exists(directory)) {
      ConsoleSockets.remove(directory);
    }
    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.setPosixFilePermissions(directory, OWNER_ONLY);
  }

  Path directory() {
    return directory;
  }

  private void accept() {
    while (!closed) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // Closed: the run ended.
      }
      handshaking.add(client);
      Thread handshake = new Thread(() -> handshake(client), "reload-loop-attach-client");
      handshake.setDaemon(true);
      handshake.start();
    }
  }

  /** Checks who connects and what it asks; an attach then relays on this thread until the client leaves. */
  private void handshake(SocketChannel client) {
    DataInputStream in = Frames.input(client);
    DataOutputStream out = Frames.output(client);
    ClientLink link = null;
    try {
      // The hello is read before the peer check even from another user: answering before it arrived would
      // close the socket under the client's write, and the client would see a broken pipe instead of why.
      Frames.Frame hello = Frames.read(in);
      String refusal = refusal(owner, client.getOption(ExtendedSocketOptions.SO_PEERCRED));
      if (refusal == null) {
        refusal = helloRefusal(hello);
      }
      if (refusal != null) {
        Frames.write(out, Frames.REFUSED, Frames.text(refusal));
        return;
      }
      if (hello.hello()[1].equals(Frames.PROBE)) {
        Frames.write(out, Frames.WELCOME, Frames.text(console.describe()));
        return;
      }
      int[] size = hello.size();
      link = new ClientLink(client, in, out);
      handshaking.remove(client);
      refusal = closed ? "the test run is ending" : console.attach(link, size[0], size[1]);
      if (refusal != null) {
        link.last(Frames.REFUSED, refusal);
        return;
      }
      try {
        link.readInput(console.input());
      } finally {
        console.detached(link);
      }
    } catch (IOException | RuntimeException e) {
      // The client left mid-handshake or sent what is not our protocol: nothing was attached.
    } finally {
      handshaking.remove(client);
      if (link == null) {
        close(client);
      }
    }
  }

  /** Why a client of the user {@code peer} may not attach, or {@code null}: only the run's owner may. */
  static String refusal(UserPrincipal owner, UnixDomainPrincipal peer) {
    if (owner.equals(peer.user())) {
      return null;
    }
    return "this test run belongs to " + owner.getName() + "; " + peer.user().getName() + " may not attach to it";
  }

  private static String helloRefusal(Frames.Frame hello) throws IOException {
    if (hello == null || hello.type() != Frames.HELLO) {
      return "not a reload-loop attach client";
    }
    String[] protocolAndMode = hello.hello();
    if (!protocolAndMode[0].equals(Frames.PROTOCOL)) {
      return "this test run speaks " + Frames.PROTOCOL + ", the client " + protocolAndMode[0]
          + ": use the reload-loop jar of the run's version";
    }
    if (!protocolAndMode[1].equals(Frames.ATTACH) && !protocolAndMode[1].equals(Frames.PROBE)) {
      return "unknown request '" + protocolAndMode[1] + "'";
    }
    return null;
  }

  /** Stops accepting and removes the socket and its directory. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    close(server);
    handshaking.forEach(AttachServer::close);
    removeFiles();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs anyway, and finds nothing left to remove.
    }
  }

  private void removeFiles() {
    ConsoleSockets.remove(directory);
  }

  private static void close(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // Closing what may already be closed: nothing more to release.
    }
  }
}
