package io.github.reloadloop.core.internal.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * For the warm-up: one project source per annotation type the annotation processors claim, so that each
 * processor runs its own code before the first save, not only its start (MapStruct writes a mapper only for a
 * {@code @Mapper} type, its first one costs a second). A processor that claims every type ({@code *}, Lombok)
 * needs none: any file runs it. Sources are read as text, without parsing: a file that names the annotation
 * (imported, by its package's wildcard import, or fully qualified) counts.
 */
final class ProcessorExemplars {

  /** How many sources are read at most, so that a large project's warm-up does not start with a long scan. */
  static final int MAX_FILES = 5_000;

  private ProcessorExemplars() {}

  /**
   * One source per claimed type, in the order of {@code annotationTypes}, searched in {@code roots} in order; a
   * type with no source using it has none.
   */
  static List<Path> find(List<Path> roots, Set<String> annotationTypes) {
    Map<String, Pattern> wanted = new LinkedHashMap<>();
    for (String claimed : annotationTypes) {
      String type = claimed.substring(claimed.indexOf('/') + 1); // "module/type" names a module first.
      if (!type.equals("*")) {
        wanted.put(type, usage(type));
      }
    }
    Set<Path> found = new LinkedHashSet<>();
    int read = 0;
    for (Path root : roots) {
      if (wanted.isEmpty() || read >= MAX_FILES || !Files.isDirectory(root)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> tree = Files.walk(root)) {
        files = tree.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).limit(MAX_FILES - read)
            .toList();
      } catch (IOException | UncheckedIOException e) {
        continue; // A root that cannot be walked gives no exemplar; the warm-up does without.
      }
      for (Path file : files) {
        read++;
        String text;
        try {
          text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
          continue;
        }
        for (Iterator<Pattern> patterns = wanted.values().iterator(); patterns.hasNext(); ) {
          if (patterns.next().matcher(text).find()) {
            found.add(file);
            patterns.remove();
          }
        }
        if (wanted.isEmpty()) {
          break;
        }
      }
    }
    return new ArrayList<>(found);
  }

  /**
   * What a source using {@code type} holds: for {@code a.b.C}, {@code @a.b.C}, or {@code @C} with an import of
   * {@code a.b.C} or {@code a.b.*}; for {@code a.b.*}, an import from {@code a.b} or a qualified use.
   */
  static Pattern usage(String type) {
    if (type.endsWith(".*")) {
      String pkg = Pattern.quote(type.substring(0, type.length() - 2));
      return Pattern.compile("(import\\s+" + pkg + "\\.|@" + pkg + "\\.)[A-Z]");
    }
    int dot = type.lastIndexOf('.');
    String simple = Pattern.quote(type.substring(dot + 1));
    String qualified = Pattern.quote(type);
    if (dot < 0) {
      return Pattern.compile("@" + simple + "\\b");
    }
    String pkg = Pattern.quote(type.substring(0, dot));
    return Pattern.compile("@" + qualified + "\\b|(?s)import\\s+(" + qualified + "|" + pkg + "\\.\\*)\\s*;.*@"
        + simple + "\\b");
  }
}
