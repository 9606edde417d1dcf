package io.github.reloadloop.core.internal.compile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where annotation processors come from: the explicit processor path ({@code reload.processorpath}, for
 * processors that sit only in the compiler plugin's {@code annotationProcessorPaths}) followed by the
 * compile classpath, and the processors these entries name in
 * {@code META-INF/services/javax.annotation.processing.Processor}, in path order, each once. Read once.
 *
 * @param entries the explicit entries, then the classpath's
 * @param processors binary names of the processors found, in path order
 */
record ProcessorPath(List<Path> entries, List<String> processors) {

  static final String SERVICE = "META-INF/services/javax.annotation.processing.Processor";

  /** Reads the service files of {@code explicit} and {@code classpath} entries. */
  static ProcessorPath discover(List<Path> explicit, List<Path> classpath) {
    Set<Path> entries = new LinkedHashSet<>(explicit);
    entries.addAll(classpath);
    Set<String> processors = new LinkedHashSet<>();
    for (Path entry : entries) {
      processors.addAll(serviceEntries(entry));
    }
    return new ProcessorPath(List.copyOf(entries), List.copyOf(processors));
  }

  /** Whether some entry holds the class file of {@code binaryName}. */
  boolean contains(String binaryName) {
    String resource = binaryName.replace('.', '/') + ".class";
    return entries.stream().anyMatch(entry -> exists(entry, resource));
  }

  /** The processor names listed in one entry's service file; none when it has no (readable) one. */
  static List<String> serviceEntries(Path entry) {
    try {
      if (Files.isDirectory(entry)) {
        Path file = entry.resolve(SERVICE);
        if (!Files.isRegularFile(file)) {
          return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
          return parse(in);
        }
      }
      if (!Files.isRegularFile(entry)) {
        return List.of();
      }
      try (ZipFile zip = new ZipFile(entry.toFile())) {
        ZipEntry service = zip.getEntry(SERVICE);
        if (service == null) {
          return List.of();
        }
        try (InputStream in = zip.getInputStream(service)) {
          return parse(in);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // Not a readable jar (the compiler reports it when it matters): it contributes no processor.
      return List.of();
    }
  }

  private static List<String> parse(InputStream in) throws IOException {
    List<String> names = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      String name = line.replaceFirst("#.*", "").trim();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  private static boolean exists(Path entry, String resource) {
    if (Files.isDirectory(entry)) {
      return Files.isRegularFile(entry.resolve(resource));
    }
    try (ZipFile zip = new ZipFile(entry.toFile())) {
      return zip.getEntry(resource) != null;
    } catch (IOException e) {
      return false; // Not a readable archive: it holds nothing.
    }
  }
}
