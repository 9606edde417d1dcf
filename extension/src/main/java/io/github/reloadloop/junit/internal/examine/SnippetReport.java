package io.github.reloadloop.junit.internal.examine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * What an evaluation shows: a value as {@code name ==> value}, a declaration as one line, an exception in
 * one line plus the first frame in the user's code, a compile error as JShell's diagnostic with the column
 * marked.
 */
final class SnippetReport {

  private static final Pattern MISSING_CLASS = Pattern.compile("symbol:\\s+(?:class|variable) ([A-Z]\\w*)");

  private final JShell shell;
  private final List<Path> roots;

  SnippetReport(JShell shell, List<Path> roots) {
    this.shell = shell;
    this.roots = roots;
  }

  List<Line> describe(List<SnippetEvent> events) {
    List<Line> lines = new ArrayList<>();
    for (SnippetEvent event : events) {
      if (event.causeSnippet() != null) {
        continue; // A dependent snippet updated along the way.
      }
      Snippet snippet = event.snippet();
      if (event.status() == Snippet.Status.REJECTED) {
        rejected(snippet, lines);
      } else if (event.exception() != null) {
        exception(event.exception(), lines);
      } else if (snippet instanceof VarSnippet var && event.value() != null) {
        lines.add(Line.plain(var.name() + " ==> " + event.value()));
      } else if (snippet instanceof ExpressionSnippet && event.value() != null) {
        lines.add(Line.plain(event.value()));
      } else if (snippet instanceof MethodSnippet method) {
        lines.add(Line.info(declared(event, "method " + method.name() + "(" + method.parameterTypes() + ")")));
      } else if (snippet instanceof TypeDeclSnippet type) {
        lines.add(Line.info(declared(event, "type " + type.name())));
      }
      unresolved(snippet, lines);
    }
    return lines;
  }

  private String declared(SnippetEvent event, String what) {
    return (event.previousStatus() == Snippet.Status.NONEXISTENT ? "created " : "replaced ") + what;
  }

  private void unresolved(Snippet snippet, List<Line> lines) {
    if (!(snippet instanceof jdk.jshell.DeclarationSnippet declaration)) {
      return;
    }
    List<String> missing = shell.unresolvedDependencies(declaration).toList();
    if (!missing.isEmpty()) {
      lines.add(Line.info("  it cannot be used until " + String.join(", ", missing) + " is declared"));
    }
  }

  private void rejected(Snippet snippet, List<Line> lines) {
    String source = snippet.source().stripTrailing();
    for (Diag diag : shell.diagnostics(snippet).toList()) {
      if (!diag.isError()) {
        continue;
      }
      String[] message = diag.getMessage(Locale.ROOT).split("\n");
      lines.add(Line.error("error: " + message[0]));
      for (int i = 1; i < message.length; i++) {
        lines.add(Line.error("  " + message[i].strip()));
      }
      int position = (int) Math.max(0, Math.min(diag.getPosition(), source.length()));
      int lineStart = source.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
      int lineEnd = source.indexOf('\n', position);
      lines.add(Line.plain("  " + source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd)));
      lines.add(Line.plain("  " + " ".repeat(position - lineStart) + "^"));
      Matcher missing = MISSING_CLASS.matcher(diag.getMessage(Locale.ROOT));
      if (missing.find() && message[0].contains("cannot find symbol")) {
        lines.add(Line.info("  " + missing.group(1) + " is not known here: no such class on the test class path,"
            + " and no variable of that name (imports of the test class are in scope; add one with eval import ...)"));
      }
    }
  }

  private void exception(Exception exception, List<Line> lines) {
    if (exception instanceof UnresolvedReferenceException unresolved) {
      lines.add(Line.error(unresolved.getSnippet().toString().lines().findFirst().orElse("")
          + " cannot run until " + String.join(", ", shell.unresolvedDependencies(unresolved.getSnippet()).toList())
          + " is declared"));
      return;
    }
    String type = exception instanceof EvalException thrown ? thrown.getExceptionClassName()
        : exception.getClass().getName();
    String message = exception.getMessage();
    lines.add(Line.error("threw " + type + (message == null ? "" : ": " + message.lines().findFirst().orElse(""))));
    Optional<FailureReport.Location> frame = FailureReport.firstUserFrame(exception, roots);
    frame.ifPresent(where -> lines.add(Line.error("  at " + where.frame())));
  }
}
