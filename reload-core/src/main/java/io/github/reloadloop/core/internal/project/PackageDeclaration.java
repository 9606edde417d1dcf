package io.github.reloadloop.core.internal.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The package a Java source declares, read from its text with comments left out. */
public final class PackageDeclaration {

  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.\\s]+?)\\s*;", Pattern.MULTILINE);
  private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*(?s:.*?)\\*/");
  /** The package comes before any type: a file's head is enough, however large the file. */
  private static final int HEAD = 64 * 1024;

  private PackageDeclaration() {}

  /** The declared package ({@code acme.shop}), or {@code ""} for none. */
  public static String in(String source) {
    Matcher matcher = PACKAGE.matcher(COMMENTS.matcher(source).replaceAll(" "));
    return matcher.find() ? matcher.group(1).replaceAll("\\s+", "") : "";
  }

  /** The package {@code file} declares, or {@code ""} for none or an unreadable file. */
  static String of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      // ISO-8859-1 decodes any bytes; a package name is ASCII in practice.
      return in(new String(in.readNBytes(HEAD), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return ""; // Gone or unreadable: the caller falls back to the file's directory.
    }
  }
}
