package io.github.reloadloop.core.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A class whose new version changes its shape (members, signatures, hierarchy), which a standard JVM
 * cannot swap in place. The loaded version keeps running; the new class file was written to
 * {@code outputDirectory}, the reloader's overlay directory, where a fresh class loader finds it.
 *
 * @param className binary name of the class
 * @param changes what changed, in plain words ({@code method signed(Entry) added})
 * @param classFile the new class file
 * @param outputDirectory the overlay directory where the new class file was written, or {@code null} when
 *     there is none (no class directory known, or the overlay could not be created)
 * @since 0.1.0
 */
public record RefusedClass(String className, List<String> changes, byte[] classFile, Path outputDirectory) {

  public RefusedClass {
    changes = List.copyOf(changes);
  }

  /** {@code acme.Ledger: method signed(Entry) added; this JVM can only swap method bodies}. */
  public String describe() {
    return className + ": " + String.join(", ", changes) + "; this JVM can only swap method bodies";
  }

  @Override
  public String toString() {
    return describe();
  }
}
