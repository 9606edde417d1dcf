package io.github.reloadloop.core.processors;

import static io.github.reloadloop.core.support.SampleProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.support.RecordingListener;
import io.github.reloadloop.core.support.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Patches compiled with the real annotation processors the build ran: Lombok, MapStruct, and bad ones. */
@Timeout(120)
class AnnotationProcessorTests {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String ITEM = """
      package shop;
      import lombok.Builder;
      import lombok.Value;
      @Value
      @Builder
      public class Item {
        String name;
        int quantity;
        int priceCents;
        public int totalCents() { return quantity * priceCents * FACTOR; }
      }
      """;

  private static final String LINE = """
      package shop;
      public class Line {
        private final String code;
        private final String name;
        public Line(String code, String name) { this.code = code; this.name = name; }
        public String getCode() { return code; }
        public String getName() { return name; }
      }
      """;

  private static final String LINE_VIEW = """
      package shop;
      public class LineView {
        private String label;
        public String getLabel() { return label; }
        public void setLabel(String label) { this.label = label; }
      }
      """;

  private static final String MAPPER = """
      package shop;
      import org.mapstruct.Mapper;
      import org.mapstruct.Mapping;
      @Mapper
      public interface LineMapper {
        @Mapping(target = "label", source = "SOURCE")
        LineView toView(Line line);
      }
      """;

  @TempDir
  Path directory;

  /** Lombok is on the test classpath (a provided dependency): found there, it rewrites the patched class. */
  @Test
  void lombokOnClasspath_bodyFixInValueBuilderClass_redefinedInPlaceWithGeneratedMembers() throws Exception {
    Path lombok = ProcessorFixtures.required("test.lombok.jar");
    try (SampleProject project = new SampleProject(directory)) {
      project.write("shop/Item.java", ITEM.replace("FACTOR", "10"));
      ProcessorFixtures.build(project.root, project.out, List.of(lombok));
      Class<?> type = project.load("shop.Item");
      Object builder = call(type, "builder");
      call(builder, "name", "beans");
      call(builder, "quantity", 2);
      call(builder, "priceCents", 150);
      Object item = call(builder, "build");
      assertThat(call(item, "totalCents")).isEqualTo(3000);
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).classpath(ProcessorFixtures.classpathWith(lombok))
          .start()) {
        project.write("shop/Item.java", ITEM.replace("FACTOR", "1"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.problems).as("%s", events).isEmpty();
        assertThat(events.refused).as("%s", events).isEmpty();
        assertThat(events.redefined).contains("shop.Item");
        assertThat(call(item, "totalCents")).isEqualTo(300);
        assertThat(call(item, "getName")).isEqualTo("beans");
      }
    }
  }

  /** MapStruct's processor only in annotationProcessorPaths: given as the processor path, it regenerates the mapper. */
  @Test
  void mapstructOnProcessorPath_fixInMapping_generatedMapperRedefined() throws Exception {
    Path processor = ProcessorFixtures.required("test.mapstruct.processor.jar");
    try (SampleProject project = mapperProject(processor)) {
      LoadedMapper mapper = LoadedMapper.of(project);
      assertThat(mapper.label()).isEqualTo("B-1");
      Map<String, String> output = tree(project.out);
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).classpath(mapstructClasspath())
          .processorPath(List.of(processor)).start()) {
        project.write("shop/LineMapper.java", MAPPER.replace("SOURCE", "name"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.problems).as("%s", events).isEmpty();
        assertThat(events.refused).as("%s", events).isEmpty();
        assertThat(events.redefined).contains("shop.LineMapperImpl");
        assertThat(mapper.label()).isEqualTo("beans");
      }
      assertThat(tree(project.out).keySet()).as("no generated source or resource written to the output")
          .isEqualTo(output.keySet());
      assertThat(project.sourceTree().keySet()).containsExactly("shop/Line.java", "shop/LineMapper.java",
          "shop/LineView.java");
    }
  }

  /** Without the processor, a patch of a @Mapper would leave the generated mapper stale: an error says what to add. */
  @Test
  void mapstructProcessorMissing_fixInMapping_problemNamesTheProcessorAndTheSettingOldCodeRuns() throws Exception {
    Path processor = ProcessorFixtures.required("test.mapstruct.processor.jar");
    try (SampleProject project = mapperProject(processor)) {
      LoadedMapper mapper = LoadedMapper.of(project);
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).classpath(mapstructClasspath()).start()) {
        Path file = project.write("shop/LineMapper.java", MAPPER.replace("SOURCE", "name"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.problems).singleElement().satisfies(problem -> {
          assertThat(problem.file()).isEqualTo(file);
          assertThat(problem.message()).contains("shop.LineMapper", "@org.mapstruct.Mapper", "MapStruct",
              "org.mapstruct.ap.MappingProcessor", "org.mapstruct:mapstruct-processor", "reload.processorpath");
        });
        assertThat(events.redefined).isEmpty();
        assertThat(mapper.label()).isEqualTo("B-1");
      }
    }
  }

  @Test
  void processorThrows_save_problemNamesTheProcessorAndItsMessageOldCodeRuns() throws Exception {
    Path boom = ProcessorFixtures.processor(directory.resolve("boom"), "procs.Boom",
        "throw new IllegalStateException(\"cannot digest \" + round.getRootElements());");

    assertPatchNotAppliedWith(boom, "annotation processor procs.Boom failed", "java.lang.IllegalStateException",
        "cannot digest [shop.Price]");
  }

  @Test
  void processorGeneratesClassThatAJarHas_save_problemNamesTheClassAndTheJar() throws Exception {
    Path clash = ProcessorFixtures.processor(directory.resolve("clash"), "procs.Clash", """
        try (java.io.Writer out = processingEnv.getFiler().createSourceFile("org.mapstruct.factory.Mappers").openWriter()) {
          out.write("package org.mapstruct.factory; public class Mappers {}");
        }
        """);

    assertPatchNotAppliedWith(clash, "procs.Clash", "generated class org.mapstruct.factory.Mappers",
        "mapstruct-1.6.3.jar");
  }

  /** A body fix saved with {@code processorPath}: one problem with {@code expected} in it, the old code runs. */
  private void assertPatchNotAppliedWith(Path processorPath, String... expected) throws Exception {
    String price = "package shop;\npublic class Price { public static int cents() { return CENTS; } }\n";
    try (SampleProject project = new SampleProject(directory.resolve("project"))) {
      project.write("shop/Price.java", price.replace("CENTS", "1"));
      project.build(io.github.reloadloop.core.internal.compile.CompilerKind.JAVAC);
      Class<?> type = project.load("shop.Price");
      RecordingListener events = new RecordingListener();

      try (AutoReloader reloader = project.reloader(events).classpath(mapstructClasspath())
          .processorPath(List.of(processorPath)).start()) {
        project.write("shop/Price.java", price.replace("CENTS", "2"));
        assertThat(reloader.awaitPendingReloads(WAIT)).isTrue();

        assertThat(events.problems).extracting(CompileProblem::message).singleElement().asString()
            .contains(expected);
        assertThat(call(type, "cents")).isEqualTo(1);
      }
    }
  }

  /** The generated mapper and a line to map, loaded as the running program has them. */
  private record LoadedMapper(Object mapper, Object line) {
    static LoadedMapper of(SampleProject project) throws ReflectiveOperationException {
      return new LoadedMapper(project.load("shop.LineMapperImpl").getConstructor().newInstance(),
          project.load("shop.Line").getConstructor(String.class, String.class).newInstance("B-1", "beans"));
    }

    Object label() {
      return call(call(mapper, "toView", line), "getLabel");
    }
  }

  private SampleProject mapperProject(Path processor) {
    SampleProject project = new SampleProject(directory);
    project.write("shop/Line.java", LINE);
    project.write("shop/LineView.java", LINE_VIEW);
    project.write("shop/LineMapper.java", MAPPER.replace("SOURCE", "code"));
    ProcessorFixtures.build(project.root, project.out, List.of(ProcessorFixtures.required("test.mapstruct.jar"),
        processor));
    return project;
  }

  /** MapStruct's annotations are a compile dependency of a MapStruct project (the running code needs none of it). */
  private static List<Path> mapstructClasspath() {
    return ProcessorFixtures.classpathWith(ProcessorFixtures.required("test.mapstruct.jar"));
  }

  private static Map<String, String> tree(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))));
      }
    }
    return files;
  }
}
