package io.github.reloadloop.core.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorPathTests {

  @TempDir
  Path work;

  private Path jar(String name, String serviceFile, String... classes) throws IOException {
    Path jar = work.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
      if (serviceFile != null) {
        zip.putNextEntry(new ZipEntry(ProcessorPath.SERVICE));
        zip.write(serviceFile.getBytes(StandardCharsets.UTF_8));
      }
      for (String type : classes) {
        zip.putNextEntry(new ZipEntry(type.replace('.', '/') + ".class"));
      }
    }
    return jar;
  }

  @Test
  void explicitEntriesThenClasspath_discover_processorsInPathOrderOnceWithoutComments() throws IOException {
    Path explicit = Files.createDirectories(work.resolve("processors"));
    Files.createDirectories(explicit.resolve("META-INF/services"));
    Files.writeString(explicit.resolve(ProcessorPath.SERVICE), "# generated\nacme.First  # the first\n\nacme.Shared\n");
    Path lombok = jar("lombok.jar", "lombok.Launch$Processor\nacme.Shared\n");
    Path plain = jar("plain.jar", null, "acme.Plain");

    ProcessorPath path = ProcessorPath.discover(List.of(explicit), List.of(plain, lombok, work.resolve("gone.jar")));

    assertThat(path.processors()).containsExactly("acme.First", "acme.Shared", "lombok.Launch$Processor");
    assertThat(path.entries()).startsWith(explicit, plain, lombok);
    assertThat(path.contains("acme.Plain")).isTrue();
    assertThat(path.contains("acme.Other")).isFalse();
  }

  @Test
  void mapperAnnotationOnClasspathProcessorNowhere_missing_namesMapStructOnly() throws IOException {
    ProcessorPath classpath = new ProcessorPath(List.of(jar("mapstruct.jar", null, "org.mapstruct.Mapper")), List.of());

    assertThat(KnownProcessors.missing(classpath, classpath)).extracting(KnownProcessors.Known::name)
        .containsExactly("MapStruct");
    ProcessorPath withProcessor = new ProcessorPath(List.of(classpath.entries().get(0),
        jar("mapstruct-processor.jar", null, "org.mapstruct.ap.MappingProcessor")), List.of());
    assertThat(KnownProcessors.missing(classpath, withProcessor)).isEmpty();
  }

  @Test
  void classFileUris_jarOf_theJarForJarsNothingForDirectories() {
    Path jar = work.resolve("lib.jar");

    assertThat(CapturingFileManager.jarOf(URI.create("jar:" + jar.toUri() + "!/acme/A.class"))).isEqualTo(jar.toString());
    assertThat(CapturingFileManager.jarOf(work.resolve("classes/acme/A.class").toUri())).isNull();
  }
}
