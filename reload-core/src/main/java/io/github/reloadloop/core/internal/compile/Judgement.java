package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.internal.classfile.ClassShape;
import io.github.reloadloop.core.internal.classfile.ShapeComparison;
import io.github.reloadloop.core.internal.overlay.Overlay;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How a patch compares with the previous compiled version of its classes (the overlay's, else the build's).
 *
 * @param affected simple names of top-level classes whose change reaches the classes compiled against them
 * @param differences classes whose shape changed
 * @param onlySynthetic whether every shape change is in compiler-generated members (another compiler's mark)
 */
record Judgement(Set<String> affected, int differences, boolean onlySynthetic) {

  /** A patch that did not compile, or one nothing is known about. */
  static final Judgement NONE = new Judgement(Set.of(), 0, false);

  boolean onlySyntheticDifferences() {
    return differences > 0 && onlySynthetic;
  }

  /**
   * Compares each class of a compile's output with its previous version.
   *
   * @param classDirectory the class directory of a class of the output, or {@code null}
   */
  static Judgement of(CompileOutput output, Overlay overlay, Function<String, Path> classDirectory) {
    Set<String> affected = new LinkedHashSet<>();
    int differences = 0;
    boolean onlySynthetic = true;
    for (Map.Entry<String, byte[]> entry : output.classes().entrySet()) {
      byte[] previous = overlay.previous(entry.getKey(), classDirectory.apply(entry.getKey()));
      ClassShape before = previous == null ? null : parseOrNull(previous);
      if (before == null) {
        continue;
      }
      ShapeComparison.Result result = ShapeComparison.compare(before, ClassShape.parse(entry.getValue()));
      if (result.dependentsAffected()) {
        affected.add(topLevelSimpleName(entry.getKey()));
      }
      if (!result.redefinable()) {
        differences++;
        onlySynthetic &= result.onlySynthetic();
      }
    }
    return new Judgement(affected, differences, onlySynthetic);
  }

  static String topLevelSimpleName(String binaryName) {
    String simple = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    int nested = simple.indexOf('$');
    return nested > 0 ? simple.substring(0, nested) : simple;
  }

  private static ClassShape parseOrNull(byte[] bytes) {
    try {
      return ClassShape.parse(bytes);
    } catch (RuntimeException e) {
      return null; // A truncated class file on disk counts as no previous version.
    }
  }
}
