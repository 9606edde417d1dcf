package io.github.reloadloop.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys of {@code results.json}. Merges into the file already there, so that benchmarks run separately
 * ({@code --only}) or added later keep each other's keys; a key written now replaces its older value.
 */
final class Results {

  private final Map<String, Object> values = new LinkedHashMap<>();

  void put(String key, Object value) {
    values.put(key, value);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  @SuppressWarnings("unchecked")
  void mergeInto(Path file) throws IOException {
    Map<String, Object> merged = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      try {
        Object existing = Json.parse(Files.readString(file));
        if (existing instanceof Map<?, ?> map) {
          merged.putAll((Map<String, Object>) map);
        }
      } catch (IllegalArgumentException e) {
        System.err.println("[benchmarks] " + file + " was not valid JSON (" + e.getMessage() + "); rewriting it");
      }
    }
    merged.putAll(values);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, Json.write(merged));
  }
}
