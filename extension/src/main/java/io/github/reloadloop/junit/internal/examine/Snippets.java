package io.github.reloadloop.junit.internal.examine;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/** Splits a typed line into JShell snippets ({@code int x = 1; x + 1} is two) and evaluates them in order. */
final class Snippets {

  private Snippets() {}

  static List<SnippetEvent> evaluate(JShellSession session, String code) {
    List<SnippetEvent> events = new ArrayList<>();
    String remaining = code;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = session.analysis().analyzeCompletion(remaining);
      if (!info.completeness().isComplete()) {
        // Incomplete (an open brace, a missing parenthesis): let JShell report what is missing.
        events.addAll(session.evalSnippet(remaining));
        break;
      }
      List<SnippetEvent> step = session.evalSnippet(info.source());
      events.addAll(step);
      if (step.stream().anyMatch(e -> e.causeSnippet() == null && (e.exception() != null
          || e.status() == jdk.jshell.Snippet.Status.REJECTED))) {
        break;
      }
      remaining = info.remaining();
    }
    return events;
  }
}
