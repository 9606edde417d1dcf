package io.github.reloadloop.junit.internal.console;

import io.github.reloadloop.junit.console.ConsoleFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The console factory a run's configuration names. */
public final class Consoles {

  private Consoles() {}

  /**
   * The console factory named by {@code reload.console}: {@code tty}, or a {@link ConsoleFactory} class with
   * a public constructor taking the configuration parameters (a {@code Function<String, Optional<String>>})
   * or none.
   *
   * @param key the configuration key, for the message of a name that is not usable
   * @throws ExtensionConfigurationException naming the key, the value and what is accepted
   */
  public static ConsoleFactory factory(String key, String name, Function<String, Optional<String>> parameters) {
    if (name.equals("tty")) {
      return new TtyConsoleFactory();
    }
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
      throw new ExtensionConfigurationException(key + "=" + name
          + " is not usable: use tty or the name of a ConsoleFactory class with a public constructor"
          + " taking the configuration parameters or none (" + e + ")", e);
    }
  }
}
