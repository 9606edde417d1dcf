package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.api.CompileProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the compile stage made of a batch of changed sources: the classes, compiled as the build compiled the
 * classes they replace, or the problems that kept it from compiling.
 *
 * @param sources the source files compiled, the batch's own and dependents recompiled with them
 * @param classes every class compiled, in the order the compiler wrote them; empty when there are problems
 * @param problems why the batch does not compile; empty on success
 * @param compiler the compiler used ({@code javac} or {@code ecj}), or empty when nothing was compiled
 * @param compileTime time spent reading and compiling
 * @param warnings things worth telling that did not stop the compile (a misplaced package declaration)
 */
public record CompiledPatch(List<Path> sources, List<CompiledClass> classes, List<CompileProblem> problems,
    String compiler, Duration compileTime, List<String> warnings) {

  public CompiledPatch {
    sources = List.copyOf(sources);
    classes = List.copyOf(classes);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  /** Whether the patch compiled; a patch of no source compiled too. */
  public boolean succeeded() {
    return problems.isEmpty();
  }

  /** The binary names of the compiled classes. */
  public List<String> classNames() {
    return classes.stream().map(CompiledClass::name).toList();
  }
}
