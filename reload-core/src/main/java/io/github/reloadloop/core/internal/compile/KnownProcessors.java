package io.github.reloadloop.core.internal.compile;

import java.util.List;

/**
 * Annotations that only mean something with their annotation processor, which builds usually put in the
 * compiler plugin's {@code annotationProcessorPaths} (invisible in the test JVM) rather than among the
 * dependencies. A patch of a class that carries one, compiled without its processor, would leave the
 * generated code stale, silently: {@link MissingProcessorCheck} reports it instead.
 */
final class KnownProcessors {

  /**
   * One processor.
   *
   * @param annotation binary name of the annotation that asks for it
   * @param processor binary name of the processor class
   * @param name the processor's name for people
   * @param artifact Maven coordinates of its jar
   */
  record Known(String annotation, String processor, String name, String artifact) {}

  static final List<Known> ALL = List.of(
      new Known("org.mapstruct.Mapper", "org.mapstruct.ap.MappingProcessor", "MapStruct",
          "org.mapstruct:mapstruct-processor"),
      new Known("com.google.auto.value.AutoValue", "com.google.auto.value.processor.AutoValueProcessor",
          "AutoValue", "com.google.auto.value:auto-value"),
      new Known("org.immutables.value.Value$Immutable", "org.immutables.processor.ProxyProcessor", "Immutables",
          "org.immutables:value"),
      new Known("dagger.Component", "dagger.internal.codegen.ComponentProcessor", "Dagger",
          "com.google.dagger:dagger-compiler"));

  private KnownProcessors() {}

  /** The known processors whose annotation is on {@code classpath} while the processor is not on {@code processors}. */
  static List<Known> missing(ProcessorPath classpath, ProcessorPath processors) {
    return ALL.stream().filter(k -> classpath.contains(k.annotation()) && !processors.contains(k.processor()))
        .toList();
  }
}
