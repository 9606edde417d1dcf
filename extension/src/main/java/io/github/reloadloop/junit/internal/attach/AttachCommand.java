package io.github.reloadloop.junit.internal.attach;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code reload-loop} command, run as {@code java -jar reload-loop.jar attach [directory or socket]}: attaches
 * this terminal to the console of a test run that waits at a failure without a terminal of its own (an IDE
 * run, a Gradle test worker, {@code mvn test} started without one). It finds the runs below the current
 * directory (or the one named), lets the user choose when there are several, and relays keys, output and
 * the window's size until the run ends or Ctrl-\ detaches; the terminal's settings are put back either way.
 * It needs nothing but the JDK, so the extension's jar runs it alone. {@code script} prints a small shell
 * script that runs it as {@code reload-loop attach}.
 *
 * @since 0.1.0
 */
public final class AttachCommand {

  private static final String SCRIPT = "reload-loop.sh";
  private static final long RESIZE_POLL_MILLIS = 1000;

  private final InputStream keyboard;
  private final PrintStream messages;

  AttachCommand(InputStream keyboard, PrintStream messages) {
    this.keyboard = keyboard;
    this.messages = messages;
  }

  /**
   * Runs the command; the process's exit status is 0 when it attached (or printed what was asked), 1 when
   * there was nothing to attach to or the run refused, 2 for a usage error.
   */
  public static void main(String[] arguments) {
    int status = new AttachCommand(System.in, System.err).run(arguments);
    if (status != 0) {
      // The command's own JVM, started for it alone: its exit status is how scripts learn the outcome.
      System.exit(status);
    }
  }

  int run(String[] arguments) {
    if (arguments.length == 0 || arguments[0].equals("help") || arguments[0].equals("--help")) {
      messages.println(usage());
      return arguments.length == 0 ? 2 : 0;
    }
    switch (arguments[0]) {
      case "attach" -> {
        if (arguments.length > 2) {
          messages.println(usage());
          return 2;
        }
        return attach(arguments.length == 2 ? Path.of(arguments[1]) : Path.of(""));
      }
      case "script" -> {
        return printScript();
      }
      default -> {
        messages.println("reload-loop: unknown command '" + arguments[0] + "'\n" + usage());
        return 2;
      }
    }
  }

  private int attach(Path place) {
    WaitingRuns.Found found;
    try {
      found = WaitingRuns.find(place);
    } catch (IOException e) {
      messages.println("reload-loop: " + e.getMessage());
      return 1;
    }
    found.removed().forEach(d -> messages.println("reload-loop: the run that left " + d + " is gone; removed it"));
    found.unreachable().forEach(u -> messages.println("reload-loop: " + u));
    List<WaitingRuns.Run> runs = found.runs();
    if (runs.isEmpty() && !found.unreachable().isEmpty()) {
      return 1; // The lines above say why each run found cannot be attached to.
    }
    if (runs.isEmpty()) {
      messages.println("reload-loop: no test run waits for a terminal under "
          + place.toAbsolutePath().normalize() + " (a run opens its console at its first failure)");
      return 1;
    }
    WaitingRuns.Run run = runs.size() == 1 ? runs.get(0) : choose(runs);
    if (run == null) {
      return 1;
    }
    return session(run);
  }

  /** Lists the runs and reads the user's choice; {@code null} when there is none. */
  WaitingRuns.Run choose(List<WaitingRuns.Run> runs) {
    messages.println("reload-loop: " + runs.size() + " test runs wait for a terminal:");
    for (int i = 0; i < runs.size(); i++) {
      messages.println("  " + (i + 1) + ") " + runs.get(i).description());
    }
    messages.print("attach to which (1-" + runs.size() + ")? ");
    messages.flush();
    try {
      String line = new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8)).readLine();
      int choice = Integer.parseInt(line == null ? "" : line.trim());
      if (choice >= 1 && choice <= runs.size()) {
        return runs.get(choice - 1);
      }
    } catch (IOException | NumberFormatException e) {
      // Not a number in range: said below.
    }
    messages.println("reload-loop: no run chosen; type a number from 1 to " + runs.size());
    return null;
  }

  /** Attaches: asks the run first (a refusal leaves the terminal alone), then relays in raw mode. */
  private int session(WaitingRuns.Run run) {
    Relay.Outcome outcome;
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(ConsoleSockets.address(run.socket()));
      Relay relay = new Relay(channel);
      int[] size = TerminalMode.size();
      String description = relay.hello(size[0], size[1]);
      try (TerminalMode terminal = TerminalMode.raw()) {
        watchSize(relay);
        OutputStream screen = new FileOutputStream(FileDescriptor.out);
        screen.write(("reload-loop: attached to " + description + "; Ctrl-\\ detaches\r\n")
            .getBytes(StandardCharsets.UTF_8));
        outcome = relay.run(keyboard, screen);
      }
    } catch (Relay.RefusedException e) {
      messages.println("reload-loop: the run refused: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      messages.println("reload-loop: cannot attach to " + run.socket() + ": " + e.getMessage());
      return 1;
    }
    messages.println();
    switch (outcome.ending()) {
      case DETACHED -> messages.println("reload-loop: detached; the run still waits (reload-loop attach comes back)");
      case ENDED -> messages.println("reload-loop: " + outcome.message());
      case LOST -> messages.println("reload-loop: " + outcome.message());
    }
    return outcome.ending() == Relay.Ending.LOST ? 1 : 0;
  }

  /** Sends the window's size when it changes: on SIGWINCH, or by polling where that cannot be watched. */
  private static void watchSize(Relay relay) {
    Runnable send = () -> {
      int[] size = TerminalMode.size();
      relay.resize(size[0], size[1]);
    };
    if (TerminalMode.onResize(send)) {
      return;
    }
    Thread poll = new Thread(() -> {
      int[] last = TerminalMode.size();
      try {
        while (true) {
          Thread.sleep(RESIZE_POLL_MILLIS);
          int[] now = TerminalMode.size();
          if (now[0] != last[0] || now[1] != last[1]) {
            relay.resize(now[0], now[1]);
            last = now;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // Nothing interrupts it; the JVM ends with the session.
      }
    }, "reload-loop-attach-size");
    poll.setDaemon(true);
    poll.start();
  }

  private int printScript() {
    try (InputStream script = AttachCommand.class.getResourceAsStream(SCRIPT)) {
      if (script == null) {
        messages.println("reload-loop: the script is missing from this jar");
        return 1;
      }
      System.out.write(script.readAllBytes());
      System.out.flush();
      return 0;
    } catch (IOException e) {
      messages.println("reload-loop: cannot print the script: " + e.getMessage());
      return 1;
    }
  }

  private static String usage() {
    return "usage: " + invocation() + " attach [directory or socket]\n"
        + "         attach this terminal to a test run that waits at a failure (found below the current\n"
        + "         directory, or the one named); Ctrl-\\ detaches, the run keeps waiting\n"
        + "       " + invocation() + " script\n"
        + "         print a shell script that runs this as  reload-loop attach  (save it on your PATH)";
  }

  private static String invocation() {
    return commandLine(location());
  }

  /** Where this class was loaded from: the extension's jar, or its class directory in a build. */
  public static Path location() {
    try {
      return Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("reload-loop.jar");
    }
  }

  /** How to run this command from {@code location}: {@code java -jar <jar>}, or with a class path. */
  public static String commandLine(Path location) {
    return Files.isDirectory(location) ? "java -cp " + location + " " + AttachCommand.class.getName()
        : "java -jar " + location;
  }
}
