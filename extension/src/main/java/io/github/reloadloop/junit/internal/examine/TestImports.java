package io.github.reloadloop.junit.internal.examine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The imports that put a test class's names in scope for {@code eval}: the import declarations of its
 * source file (read from the source roots, so an import added in a saved fix counts), its own package, and
 * its top-level class's nested classes.
 */
final class TestImports {

  private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;",
      Pattern.MULTILINE);

  private TestImports() {}

  static List<String> of(Class<?> testClass, List<Path> roots) {
    Class<?> topLevel = testClass;
    while (topLevel.getEnclosingClass() != null) {
      topLevel = topLevel.getEnclosingClass();
    }
    List<String> imports = new ArrayList<>();
    String packageName = topLevel.getPackageName();
    String relative = (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + topLevel.getSimpleName() + ".java";
    for (Path root : roots) {
      Path source = root.resolve(relative);
      if (Files.isRegularFile(source)) {
        imports.addAll(declarations(read(source)));
        break;
      }
    }
    if (!packageName.isEmpty()) {
      imports.add("import " + packageName + ".*;");
    }
    if (topLevel.getCanonicalName() != null && !packageName.isEmpty()) {
      imports.add("import " + topLevel.getCanonicalName() + ".*;");
    }
    return imports;
  }

  static List<String> declarations(String source) {
    List<String> imports = new ArrayList<>();
    Matcher matcher = IMPORT.matcher(source);
    while (matcher.find()) {
      imports.add(matcher.group().strip());
    }
    return imports;
  }

  private static String read(Path source) {
    try {
      return Files.readString(source, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
