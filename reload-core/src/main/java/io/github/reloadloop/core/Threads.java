package io.github.reloadloop.core;

/** The reloader's threads: named daemons, so that a program that forgets {@code close()} still exits. */
final class Threads {

  private Threads() {}

  /** A daemon thread named {@code name}, not started. */
  static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
