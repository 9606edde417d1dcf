package io.github.reloadloop.junit.internal.examine;

import io.github.reloadloop.junit.console.LoopConsole;
import io.github.reloadloop.junit.console.LoopConsole.Tone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * The console's {@code where}, {@code fields} and {@code eval} for one failure: shows the latest failure's
 * stack trace, the failing test's fields, and evaluates Java with JShell in this JVM against the live test
 * instance. Evaluation state lives until {@link #close()}, when the test passed or the failure stands.
 *
 * <p>Threading: called by the thread that holds the console; evaluations run on a thread of their own.
 */
public final class Examiner implements AutoCloseable {

  private final LoopConsole console;
  private final List<Path> roots;
  private final Path moduleDirectory;
  private final Evaluator evaluator;
  private EvalState state;
  private volatile Subject subject;

  /**
   * @param roots the source roots: frames in files under them are the user's
   * @param timeout the time limit of one evaluation ({@code reload.eval.timeout})
   */
  public Examiner(LoopConsole console, List<Path> roots, Path moduleDirectory, Duration timeout) {
    this.console = console;
    this.roots = List.copyOf(roots);
    this.moduleDirectory = moduleDirectory;
    this.evaluator = new Evaluator(console, timeout);
    this.state = new EvalState(this.roots);
  }

  /** Examines {@code subject} from now on: the latest failure. */
  public void examine(Subject subject) {
    this.subject = subject;
  }

  /** {@code where}: the latest failure's whole stack trace. */
  public void where() {
    show(StackTraceView.render(subject.failure(), roots, moduleDirectory).stream().map(Line::plain).toList());
  }

  /** {@code fields}: the failing test's fields, rendered where a runaway {@code toString()} can be stopped. */
  public void fields() throws InterruptedException {
    Subject examined = subject;
    long started = System.nanoTime();
    run(() -> FieldsView.render(examined).stream().map(Line::plain).toList(), () -> { }, () -> started);
  }

  /** {@code eval}: evaluates {@code code} with JShell; {@code test} and {@code failure} are bound. */
  public void eval(String code) throws InterruptedException {
    if (code.isBlank()) {
      console.println(Tone.INFO, "usage: eval <Java>, for example: p test.toString()   (test is the failing test,"
          + " failure its exception)");
      return;
    }
    if (ModuleLayer.boot().findModule("jdk.jshell").isEmpty()) {
      console.println(Tone.ERROR, "eval needs the jdk.jshell module, which this JVM does not have (a trimmed runtime?)");
      return;
    }
    Subject examined = subject;
    run(() -> {
      List<Line> lines = new ArrayList<>();
      JShellSession session = state.sessionFor(examined, lines);
      lines.addAll(new SnippetReport(session.shell(), roots).describe(Snippets.evaluate(session, code)));
      return lines;
    }, () -> state.stop(), () -> state.runningSince());
  }

  /** JShell's completion of {@code code}; nothing if JShell is busy or does not answer quickly. */
  public LoopConsole.Completions complete(String code, int cursor) {
    Subject examined = subject;
    return evaluator.quick(() -> {
      JShellSession session = state.sessionFor(examined, new ArrayList<>());
      int[] anchor = new int[1];
      List<String> candidates = session.analysis().completionSuggestions(code, cursor, anchor).stream()
          .map(s -> s.continuation()).distinct().toList();
      return new LoopConsole.Completions(anchor[0], candidates);
    }, new LoopConsole.Completions(cursor, List.of()));
  }

  private void run(Callable<List<Line>> task, Runnable stop, LongSupplier runningSince) throws InterruptedException {
    Evaluator.Result<List<Line>> result;
    try {
      result = evaluator.run(task, stop, runningSince);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      console.println(Tone.ERROR, "could not evaluate: " + e);
      return;
    }
    if (result instanceof Evaluator.Result.Done<List<Line>> done) {
      show(done.value());
    } else if (result instanceof Evaluator.Result.Stopped<List<Line>> stopped) {
      console.println(Tone.WARNING, "stopped by " + stopped.reason());
      if (stopped.stuck()) {
        console.println(Tone.WARNING, "it did not stop and runs on in the background (on JDK 20 and later only"
            + " the snippet's own loops can be stopped, not code it calls); the next eval starts a new JShell,"
            + " without your variables");
        state = new EvalState(roots); // The old one belongs to the stuck thread now.
      }
    }
  }

  private void show(List<Line> lines) {
    for (Line line : lines) {
      console.println(line.tone(), line.text());
    }
  }

  @Override
  public void close() {
    evaluator.close();
    state.close();
  }
}
