package io.github.reloadloop.junit;

import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import java.util.Optional;
import java.util.function.Function;

/** Hands the extension the {@link ScriptedConsole} named by the configuration parameter {@value #ID}. */
public final class ScriptedConsoleFactory implements ConsoleFactory {

  static final String ID = "reload.console.script";

  private final ScriptedConsole console;

  public ScriptedConsoleFactory(Function<String, Optional<String>> parameters) {
    String id = parameters.apply(ID).orElseThrow(() -> new IllegalStateException(ID + " not set"));
    this.console = ScriptedConsole.byId(id);
  }

  @Override
  public String unavailableReason() {
    return console.unavailable;
  }

  @Override
  public LoopConsole open() {
    console.opened.incrementAndGet();
    return console;
  }
}
