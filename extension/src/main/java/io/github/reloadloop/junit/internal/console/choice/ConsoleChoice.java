package io.github.reloadloop.junit.internal.console.choice;

import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.internal.console.TtyConsoleFactory;
import io.github.reloadloop.junit.internal.console.attach.AttachConsoleFactory;
import io.github.reloadloop.junit.internal.console.line.StdinConsoleFactory;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Where the console opens, from {@value #KEY}: {@code auto} (the default), {@code tty}, {@code attach},
 * {@code stdin}, {@code off}, or the name of a {@link ConsoleFactory} class (tests script the console so).
 *
 * <p>{@code auto}: the terminal when there is one; else, in an IDE's test runner ({@link Launchers}) whose
 * standard input is the IDE's console, plain lines on standard input and output; else the attach console
 * only if the run is interactive by every sign ({@link Interactivity}: no CI variable, {@code reload.loop=true}
 * given for this run, the build reading a terminal or a pipe, not {@code /dev/null}, a file or nothing); else
 * off, in one line that names {@code reload.console=attach}.
 */
public final class ConsoleChoice {

  /** The configuration key. */
  public static final String KEY = "reload.console";
  public static final String AUTO = "auto";

  private ConsoleChoice() {}

  /**
   * The console factory that {@code name} chooses.
   *
   * @param attachTimeout how long a failure waits for a terminal to attach
   * @param parameters the configuration parameters, for a factory class that takes them
   * @throws ExtensionConfigurationException when {@code name} names no usable factory
   */
  public static ConsoleFactory factory(String name, Duration attachTimeout, Path moduleDirectory,
      Function<String, Optional<String>> parameters) {
    return switch (name) {
      case AUTO -> auto(attachTimeout, moduleDirectory, System.getenv(),
          Interactivity.loopExplicit(Thread.currentThread().getContextClassLoader()));
      case "tty" -> new TtyConsoleFactory();
      case "attach" -> new AttachConsoleFactory(moduleDirectory, attachTimeout);
      case "stdin" -> new StdinConsoleFactory(stdinUnavailable(Launchers.current()));
      case "off" -> off(KEY + "=off");
      default -> byClassName(name, parameters);
    };
  }

  static ConsoleFactory auto(Duration attachTimeout, Path moduleDirectory, Map<String, String> environment,
      boolean loopExplicit) {
    TtyConsoleFactory tty = new TtyConsoleFactory();
    String noTerminal = tty.unavailableReason();
    if (noTerminal == null) {
      return tty;
    }
    Optional<Launchers> launcher = Launchers.current();
    if (launcher.isPresent() && launcher.get().ide() && stdinUnavailable(launcher) == null) {
      return new StdinConsoleFactory(null);
    }
    Optional<String> input = Interactivity.inputSign(TtyConsoleFactory.ownInputIsDevNull(),
        TtyConsoleFactory.buildInput(), TtyConsoleFactory.CLOSED_INPUT);
    List<String> signs = Interactivity.againstWaiting(environment, loopExplicit, input);
    if (signs.isEmpty()) {
      return new AttachConsoleFactory(moduleDirectory, attachTimeout);
    }
    return off(offReason(noTerminal, launcher, signs));
  }

  /** The one line of a run that does not wait: why there is no terminal, why not attach, what would. */
  static String offReason(String noTerminal, Optional<Launchers> launcher, List<String> signs) {
    List<String> unsaid = signs.stream().filter(sign -> !noTerminal.contains(sign)).toList();
    return noTerminal + (launcher.isPresent() ? " (launched by " + launcher.get().description() + ")" : "")
        + (unsaid.isEmpty() ? "" : ", and the run does not look interactive (" + String.join("; ", unsaid) + ")")
        + ": " + KEY + "=attach would make a failure wait for  reload-loop attach  from a terminal";
  }

  /** Why standard input cannot be the console, or {@code null}. */
  static String stdinUnavailable(Optional<Launchers> launcher) {
    if (launcher.isPresent() && launcher.get() == Launchers.SUREFIRE) {
      return KEY + "=stdin: Maven Surefire reads its own commands from the test JVM's standard input;"
          + " use tty or attach";
    }
    if (TtyConsoleFactory.ownInputIsDevNull()) {
      return KEY + "=stdin: standard input is /dev/null";
    }
    return null;
  }

  /** A factory whose console never opens, for {@code reason}. */
  static ConsoleFactory off(String reason) {
    return new ConsoleFactory() {
      @Override
      public String unavailableReason() {
        return reason;
      }

      @Override
      public LoopConsole open() throws IOException {
        throw new IOException(reason);
      }
    };
  }

  /**
   * A {@link ConsoleFactory} class with a public constructor taking the configuration parameters (a
   * {@code Function<String, Optional<String>>}) or none.
   */
  private static ConsoleFactory byClassName(String name, Function<String, Optional<String>> parameters) {
    try {
      Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
      if (!ConsoleFactory.class.isAssignableFrom(type)) {
        throw new ClassCastException(name + " does not implement " + ConsoleFactory.class.getName());
      }
      try {
        return (ConsoleFactory) type.getConstructor(Function.class).newInstance(parameters);
      } catch (NoSuchMethodException e) {
        return (ConsoleFactory) type.getConstructor().newInstance();
      }
    } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException | InstantiationException
        | IllegalAccessException | InvocationTargetException e) {
      throw new ExtensionConfigurationException(KEY + "=" + name
          + " is not usable: use auto, tty, attach, stdin, off or the name of a ConsoleFactory class with a"
          + " public constructor taking the configuration parameters or none (" + e + ")", e);
    }
  }
}
