package io.github.reloadloop.core;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fans events out to a frozen list of listeners; one failing listener does not silence the others. While
 * {@linkplain #Listeners(List, boolean) held}, events (warnings, saves outside the roots) are kept and told at
 * {@link #release()}: a held reloader says nothing (it runs beside a program that may never need it).
 */
final class Listeners implements ReloadListener {

  private final List<ReloadListener> listeners;
  /** Events kept while held; {@code null} once released. */
  private List<Consumer<ReloadListener>> held;

  Listeners(List<ReloadListener> listeners, boolean held) {
    this.listeners = List.copyOf(listeners);
    this.held = held ? new ArrayList<>() : null;
  }

  /** Tells the events kept while held, in order, and from now on every event as it comes. */
  void release() {
    List<Consumer<ReloadListener>> kept;
    synchronized (this) {
      kept = held;
      held = null;
    }
    if (kept != null) {
      kept.forEach(this::each);
    }
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
    synchronized (this) {
      if (held != null) {
        held.add(event);
        return;
      }
    }
    for (ReloadListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        System.err.println("[reload] listener " + listener.getClass().getName() + " failed: " + e);
      }
    }
  }
}
