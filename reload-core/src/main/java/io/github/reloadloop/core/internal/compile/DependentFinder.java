package io.github.reloadloop.core.internal.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the source files that mention a class by its simple name. Compilers inline constants and bake
 * member references into the classes that use them, leaving no trace a class file scan could follow, so
 * the sources are searched.
 */
final class DependentFinder {

  private DependentFinder() {}

  static List<Path> find(List<Path> roots, Set<String> simpleNames, Set<Path> exclude) {
    Pattern mention = Pattern.compile("\\b(" + simpleNames.stream().map(Pattern::quote)
        .collect(Collectors.joining("|")) + ")\\b");
    Set<Path> found = new LinkedHashSet<>(); // A file under overlapping roots is found once.
    for (Path root : roots) {
      try (Stream<Path> tree = Files.walk(root)) {
        tree.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
            .map(p -> p.toAbsolutePath().normalize())
            .filter(p -> !exclude.contains(p) && mentions(p, mention))
            .forEach(found::add);
      } catch (IOException | UncheckedIOException e) {
        // A root that vanished mid-walk has no dependents to offer.
        continue;
      }
    }
    return List.copyOf(found);
  }

  private static boolean mentions(Path file, Pattern mention) {
    try {
      // ISO-8859-1 decodes any byte sequence; identifiers being searched are ASCII.
      return mention.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).find();
    } catch (IOException e) {
      return false;
    }
  }
}
