package io.github.reloadloop.junit.internal.rerun;

import java.util.concurrent.Callable;

/**
 * The JVM-wide defaults a nested run sees: those of the world of classes it runs in. A run in a fresh class
 * loader sees that loader's own (its static initialisers installed them); every other run the original world's.
 */
public interface Worlds {

  /** One world only: every run sees the JVM's defaults as they are. */
  Worlds NONE = new Worlds() {
    @Override
    public <T> T inWorldOf(ClassLoader loader, Callable<T> work) throws Exception {
      return work.call();
    }

    @Override
    public void forget() {}
  };

  /** Runs {@code work} on this thread with the defaults of {@code loader}'s world installed, the original's after. */
  <T> T inWorldOf(ClassLoader loader, Callable<T> work) throws Exception;

  /** Forgets what was kept of worlds other than the original, so that their class loaders can be collected. */
  void forget();
}
