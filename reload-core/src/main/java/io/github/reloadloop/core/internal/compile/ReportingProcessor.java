package io.github.reloadloop.core.internal.compile;

import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Runs one annotation processor and turns an exception it throws into a compile error that names it, so
 * the patch is not applied and the old code keeps running (the compiler alone would abort with a stack
 * trace that hides which processor failed).
 */
final class ReportingProcessor implements Processor {

  private final Processor delegate;
  private final String name;
  private ProcessingEnvironment environment;
  private boolean failed;

  ReportingProcessor(Processor delegate) {
    this.delegate = delegate;
    this.name = delegate.getClass().getName();
  }

  @Override
  public void init(ProcessingEnvironment processingEnv) {
    this.environment = processingEnv;
    try {
      delegate.init(processingEnv);
    } catch (RuntimeException | LinkageError e) {
      fail("could not start", e);
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    if (failed) {
      return false;
    }
    try {
      return delegate.process(annotations, roundEnv);
    } catch (RuntimeException | LinkageError e) {
      fail("failed", e);
      return false;
    }
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
      ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }

  private void fail(String what, Throwable e) {
    failed = true;
    environment.getMessager().printMessage(Diagnostic.Kind.ERROR, message(name, what, e));
  }

  static String message(String processor, String what, Throwable e) {
    return "annotation processor " + processor + " " + what + ": " + e.getClass().getName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where(e);
  }

  private static String where(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length == 0 ? "" : " (at " + trace[0] + ")";
  }
}
