package io.github.reloadloop.core;

import io.github.reloadloop.core.compile.CompileOutput;
import io.github.reloadloop.core.redefine.ClassShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes compiled classes to their root's class output directory, so that classes not loaded yet are
 * found by their class loader and a fresh class loader sees the newest code. Never writes to sources.
 */
final class ClassFileWriter {

  private final List<Path> roots;
  private final ProjectLayout layout;
  private final ReloadListener listener;

  ClassFileWriter(List<Path> roots, ProjectLayout layout, ReloadListener listener) {
    this.roots = roots;
    this.layout = layout;
    this.listener = listener;
  }

  void write(CompileOutput output) {
    output.classes().forEach((name, bytes) -> {
      Path directory = outputFor(name, output);
      if (directory == null) {
        listener.warning("no class output directory known for " + name
            + ": it is reloaded if loaded, but a new class cannot be found by its class loader");
        return;
      }
      Path target = ProjectLayout.classFile(directory, name);
      try {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".reload-", ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        listener.warning("cannot write " + target + ": " + e.getMessage());
      }
    });
  }

  RefusedClass refused(String name, List<String> changes, CompileOutput output) {
    return new RefusedClass(name, changes, output.classes().get(name), outputFor(name, output));
  }

  /** The shape of the class file currently on disk, or {@code null}. */
  ClassShape previousShape(String name, CompileOutput output) {
    Path directory = outputFor(name, output);
    byte[] bytes = directory == null ? null : ProjectLayout.read(ProjectLayout.classFile(directory, name));
    try {
      return bytes == null ? null : ClassShape.parse(bytes);
    } catch (RuntimeException e) {
      return null; // A truncated class file on disk counts as no previous version.
    }
  }

  /** The output directory where the class of this name belongs, or {@code null} when none is known. */
  Path outputFor(String name, CompileOutput output) {
    Path source = output.sources().get(name);
    if (source == null && name.contains("$")) {
      source = output.sources().get(name.substring(0, name.indexOf('$')));
    }
    if (source == null && !output.sources().isEmpty()) {
      source = output.sources().values().iterator().next();
    }
    Path root = source == null ? (roots.isEmpty() ? null : roots.get(0)) : layout.rootOf(source, roots);
    return layout.outputOf(root);
  }
}
