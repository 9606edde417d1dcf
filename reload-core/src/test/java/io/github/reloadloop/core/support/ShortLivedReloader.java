package io.github.reloadloop.core.support;

import io.github.reloadloop.core.AutoReloader;
import io.github.reloadloop.core.ReloadListener;
import java.nio.file.Path;

/**
 * A program that starts a reloader on {@code args[0]}, runs for {@code args[1]} milliseconds (a short test run)
 * and closes it: the agent is often still being attached then.
 */
public final class ShortLivedReloader {

  private ShortLivedReloader() {}

  public static void main(String[] args) throws InterruptedException {
    AutoReloader reloader = AutoReloader.builder().sourceRoots(Path.of(args[0])).reporter(ReloadListener.NONE).start();
    Thread.sleep(Long.parseLong(args[1])); // the program's own work, not a wait for the reloader
    reloader.close();
  }
}
