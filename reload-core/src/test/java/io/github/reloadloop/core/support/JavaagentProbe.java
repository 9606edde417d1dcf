package io.github.reloadloop.core.support;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.ReloadListener;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run with {@code -javaagent}: loads {@code probe.Value} from the class directory {@code args[1]}, saves a new
 * version of its source below the root {@code args[0]}, and prints where the agent came from and what the
 * loaded class answers afterwards.
 */
public final class JavaagentProbe {

  private JavaagentProbe() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path classes = Path.of(args[1]);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()});
        AutoReloader reloader = AutoReloader.builder().sourceRoots(root).outputDirectory(root, classes)
            .reportTo(System.out).start()) {
      Class<?> value = Class.forName("probe.Value", true, loader);
      System.out.println("before=" + value.getMethod("get").invoke(null));
      Files.writeString(root.resolve("probe/Value.java"),
          "package probe;\npublic class Value { public static int get() { return 2; } }\n");
      System.out.println("awaited=" + reloader.awaitPendingReloads(Duration.ofSeconds(60)));
      System.out.println("agent=" + reloader.status().agent());
      System.out.println("after=" + value.getMethod("get").invoke(null));
    }
  }
}
