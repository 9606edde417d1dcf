package io.github.reloadloop.junit.internal.fallback;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static caches in test libraries that remember project classes by name, which two worlds of classes must
 * not share. Loaded once by the original class loader (libraries come from jars, the parent), such a cache
 * would hand a fresh-loader test the original loader's class of the same name: Spring Boot's
 * {@code AnnotatedClassFinder} keeps the {@code @SpringBootConfiguration} class found for each package, so a
 * later {@code @SpringBootTest} class in a fresh loader got the original application class, and with it the
 * original loader's cached context. Each world gets its own contents; a new fresh world starts empty.
 */
final class LibraryCaches {

  /** A static {@code Map} field that maps names to project classes. */
  private record Known(String className, String field) {}

  private static final List<Known> KNOWN = List.of(
      new Known("org.springframework.boot.test.context.AnnotatedClassFinder", "cache"));

  private final List<Map<Object, Object>> caches;

  private LibraryCaches(List<Map<Object, Object>> caches) {
    this.caches = caches;
  }

  /** The known caches that {@code loader} (the tests' original loader) has; the others are left out. */
  static LibraryCaches of(ClassLoader loader) {
    List<Map<Object, Object>> found = new ArrayList<>();
    for (Known known : KNOWN) {
      try {
        Field field = Class.forName(known.className(), false, loader).getDeclaredField(known.field());
        if (Modifier.isStatic(field.getModifiers()) && Map.class.isAssignableFrom(field.getType())) {
          field.setAccessible(true);
          @SuppressWarnings("unchecked")
          Map<Object, Object> cache = (Map<Object, Object>) field.get(null);
          found.add(cache);
        }
      } catch (ClassNotFoundException | LinkageError e) {
        continue; // The library is not on the class path: nothing of it to keep apart.
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue; // Another version of the library, without this cache (or closed to reflection).
      }
    }
    return new LibraryCaches(found);
  }

  /** The contents of every cache now. */
  List<Map<Object, Object>> read() {
    List<Map<Object, Object>> contents = new ArrayList<>();
    for (Map<Object, Object> cache : caches) {
      synchronized (cache) {
        contents.add(new HashMap<>(cache));
      }
    }
    return contents;
  }

  /** Replaces every cache's contents; {@code null} empties them (a new world). */
  void write(List<Map<Object, Object>> contents) {
    for (int i = 0; i < caches.size(); i++) {
      Map<Object, Object> cache = caches.get(i);
      synchronized (cache) {
        cache.clear();
        if (contents != null) {
          cache.putAll(contents.get(i));
        }
      }
    }
  }
}
