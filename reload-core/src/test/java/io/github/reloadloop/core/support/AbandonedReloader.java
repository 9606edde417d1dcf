package io.github.reloadloop.core.support;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.ReloadListener;
import java.nio.file.Path;

/**
 * A program that starts a reloader on {@code args[0]}, runs for {@code args[1]} milliseconds and ends without
 * closing it, as a test JVM whose run ends does: the reloader's daemon threads (the compiler's warm-up among
 * them) stop wherever they are.
 */
public final class AbandonedReloader {

  private AbandonedReloader() {}

  public static void main(String[] args) throws InterruptedException {
    AutoReloader.builder().sourceRoots(Path.of(args[0])).reporter(ReloadListener.NONE).start();
    Thread.sleep(Long.parseLong(args[1])); // the program's own work, not a wait for the reloader
  }
}
