package io.github.reloadloop.benchmarks;

import io.github.reloadloop.junit.console.ConsoleFactory;
import io.github.reloadloop.junit.console.LoopConsole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The console of the fallback benchmark ({@code reload.console}): at the first failure it plays the developer
 * (saves the schema-changing fix of {@code bench.fix.class} and types {@code continue}); any later failure
 * is skipped and counted. Lines the loop shows are kept for the report.
 */
public final class FixingConsoleFactory implements ConsoleFactory {

  /** Everything shown on the console of this JVM's run. */
  static final List<String> SHOWN = new CopyOnWriteArrayList<>();
  /** Prompts after the first: failures the run should not have had. */
  static final List<String> LATER_PROMPTS = new CopyOnWriteArrayList<>();

  private final String fixClass;
  private final Path projectDirectory;
  private final boolean inPlace;

  /** What the loop instantiates by name, with the configuration parameters. */
  public FixingConsoleFactory(Function<String, Optional<String>> parameters) {
    this.fixClass = parameters.apply("bench.fix.class").orElseThrow();
    this.projectDirectory = Path.of(parameters.apply("bench.project").orElseThrow());
    this.inPlace = parameters.apply("bench.fix.inplace").map(Boolean::parseBoolean).orElse(false);
  }

  @Override
  public String unavailableReason() {
    return null;
  }

  @Override
  public LoopConsole open() {
    return new LoopConsole() {
      private boolean fixed;

      @Override
      public String readLine(String prompt) {
        if (fixed) {
          LATER_PROMPTS.add(SHOWN.isEmpty() ? "?" : SHOWN.get(SHOWN.size() - 1));
          return "skip";
        }
        fixed = true;
        try {
          SuiteProject.at(projectDirectory).fixWithSchemaChange(fixClass, inPlace);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return "continue";
      }

      @Override
      public void println(Tone tone, String text) {
        SHOWN.add(text);
      }

      @Override
      public void close() {}
    };
  }
}
