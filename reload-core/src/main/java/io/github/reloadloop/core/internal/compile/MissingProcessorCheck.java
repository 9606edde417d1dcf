package io.github.reloadloop.core.internal.compile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Fails a patch that carries an annotation whose processor is not on the processor path (MapStruct's
 * {@code @Mapper} without mapstruct-processor): compiled without it, the patch would leave the code that
 * processor generated in the build stale, and the fix would silently not take effect. The error sits on the
 * annotated class and says which processor is missing and what to add. Claims nothing.
 */
final class MissingProcessorCheck extends AbstractProcessor {

  private final List<KnownProcessors.Known> missing;

  MissingProcessorCheck(List<KnownProcessors.Known> missing) {
    this.missing = List.copyOf(missing);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    missing.forEach(k -> names.add(k.annotation().replace('$', '.')));
    return names;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement annotation : annotations) {
      for (KnownProcessors.Known known : missing) {
        if (annotation.getQualifiedName().contentEquals(known.annotation().replace('$', '.'))) {
          for (Element annotated : round.getElementsAnnotatedWith(annotation)) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message(known, annotated), annotated);
          }
        }
      }
    }
    return false;
  }

  static String message(KnownProcessors.Known known, Element annotated) {
    return annotated + " is annotated with @" + known.annotation().replace('$', '.') + ", but " + known.name()
        + "'s annotation processor (" + known.processor() + ", artifact " + known.artifact()
        + ") is not on the test classpath, so the code it generates would stay as the build left it."
        + " Add its jar to reload.processorpath (for example -Dreload.processorpath=<the "
        + known.artifact() + " jar, as in annotationProcessorPaths>)";
  }
}
