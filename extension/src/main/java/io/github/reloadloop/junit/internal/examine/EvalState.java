package io.github.reloadloop.junit.internal.examine;

import io.github.reloadloop.core.internal.project.Classpath;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * The JShell of one failure at the console, with {@code test} and {@code failure} bound and the test's
 * imports in scope; replaced by a new one when the subject's test class comes from another class loader
 * (a rerun in a fresh class loader), carrying the user's imports, methods and classes over. Used on the
 * evaluation thread only.
 */
final class EvalState implements AutoCloseable {

  private final List<Path> roots;
  private volatile JShellSession session;
  private Class<?> anchor;
  private Subject bound;
  private int setupSnippets;

  EvalState(List<Path> roots) {
    this.roots = roots;
  }

  /** The session for {@code subject}, started or rebound as needed; notes for the user go to {@code notes}. */
  JShellSession sessionFor(Subject subject, List<Line> notes) throws IllegalAccessException {
    if (session != null && anchor == subject.testClass()) {
      bind(subject, notes);
      return session;
    }
    List<String> carried = new ArrayList<>();
    if (session != null) {
      session.shell().snippets().skip(setupSnippets).filter(s -> session.shell().status(s).isActive())
          .filter(s -> s.kind() == Snippet.Kind.IMPORT || s.kind() == Snippet.Kind.METHOD
              || s.kind() == Snippet.Kind.TYPE_DECL)
          .forEach(s -> carried.add(s.source()));
      notes.add(Line.info("test now comes from another class loader (" + subject.origin()
          + "): a new JShell; your imports, methods and classes carried over, variables did not"));
      session.close();
    }
    anchor = subject.testClass();
    List<Path> classpath = classpath(anchor);
    session = JShellSession.start(anchor, classpath, directories(classpath));
    for (String declaration : TestImports.of(anchor, roots)) {
      session.evalSnippet(declaration);
    }
    bind(subject, notes);
    setupSnippets = (int) session.shell().snippets().count();
    for (String source : carried) {
      session.evalSnippet(source);
    }
    return session;
  }

  private void bind(Subject subject, List<Line> notes) throws IllegalAccessException {
    if (subject == bound) {
      return;
    }
    bound = subject;
    Object test = subject.test().orElse(null);
    if (test == null) {
      notes.add(Line.info("test is not bound: no test instance here (a static context)"));
    } else {
      bindAs("test", test.getClass(), test);
    }
    bindAs("failure", subject.failure().getClass(), subject.failure());
  }

  /** Binds {@code value} typed as its class, or as the nearest superclass a snippet can name. */
  private void bindAs(String name, Class<?> type, Object value) throws IllegalAccessException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getCanonicalName() == null || c.getPackageName().isEmpty() || c.isAnonymousClass()) {
        continue;
      }
      List<SnippetEvent> events = session.bind(name, c.getCanonicalName(), value);
      if (events.stream().noneMatch(e -> e.status() == Snippet.Status.REJECTED)) {
        return;
      }
    }
    session.bind(name, "Object", value);
  }

  /** The compile-time class path: the test JVM's, with the test class's own directory if it is not on it. */
  private static List<Path> classpath(Class<?> anchor) {
    Set<Path> entries = new LinkedHashSet<>();
    CodeSource source = anchor.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null) {
      try {
        entries.add(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
      } catch (URISyntaxException | IllegalArgumentException e) {
        // Not a file location: the class path below still has the rest of the project.
      }
    }
    for (ClassLoader l = anchor.getClassLoader(); l != null; l = l.getParent()) {
      if (l instanceof java.net.URLClassLoader urls) {
        for (java.net.URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toAbsolutePath().normalize());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a local file: javac could not read it either.
          }
        }
      }
    }
    entries.addAll(Classpath.ofRunningJvm());
    return new ArrayList<>(entries);
  }

  /** Directories on the class path are the project's class directories; jars are its dependencies. */
  private static List<Path> directories(List<Path> classpath) {
    return classpath.stream().filter(Files::isDirectory).toList();
  }

  /** When the running snippet started ({@link System#nanoTime()}), or 0. Called from another thread. */
  long runningSince() {
    JShellSession running = session;
    return running == null ? 0 : running.runningSince();
  }

  /** Stops the running evaluation. Called from another thread. */
  void stop() {
    JShellSession running = session;
    if (running != null) {
      running.stop();
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
