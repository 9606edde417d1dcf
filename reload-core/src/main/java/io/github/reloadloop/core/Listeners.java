package io.github.reloadloop.core;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Fans events out to a frozen list of listeners; one failing listener does not silence the others. */
final class Listeners implements ReloadListener {

  private final List<ReloadListener> listeners;

  Listeners(List<ReloadListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void changesDetected(List<Path> files) {
    each(l -> l.changesDetected(files));
  }

  @Override
  public void compiled(List<String> classNames, Duration duration) {
    each(l -> l.compiled(classNames, duration));
  }

  @Override
  public void compileFailed(List<CompileProblem> problems) {
    each(l -> l.compileFailed(problems));
  }

  @Override
  public void redefined(List<String> classNames, Duration duration) {
    each(l -> l.redefined(classNames, duration));
  }

  @Override
  public void redefinitionRefused(List<RefusedClass> refused) {
    each(l -> l.redefinitionRefused(refused));
  }

  @Override
  public void savedOutsideRoots(Path file, Path sourceRoot) {
    each(l -> l.savedOutsideRoots(file, sourceRoot));
  }

  @Override
  public void warning(String message) {
    each(l -> l.warning(message));
  }

  @Override
  public void reloaded(ReloadResult result) {
    each(l -> l.reloaded(result));
  }

  private void each(Consumer<ReloadListener> event) {
    for (ReloadListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        System.err.println("[reload] listener " + listener.getClass().getName() + " failed: " + e);
      }
    }
  }
}
