package io.github.reloadloop.core.internal.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What discovery needs from a Maven POM: its coordinates, its modules (those of its profiles and Maven 4's
 * subprojects included) and custom source directories. Read with a small scanner of element paths rather
 * than an XML parser: loading the JDK's parsers costs a test run a few hundred milliseconds, and these few
 * elements need no more.
 *
 * @param groupId the module's group (its parent's when it declares none), or {@code ""}
 * @param artifactId the module's artifact id, or {@code ""}
 * @param modules the module paths it aggregates, as written
 * @param sourceDirectory {@code build/sourceDirectory} as written, if set
 * @param testSourceDirectory {@code build/testSourceDirectory} as written, if set
 */
record Pom(String groupId, String artifactId, List<String> modules, Optional<String> sourceDirectory,
    Optional<String> testSourceDirectory) {

  private static final String GROUP = "project/groupId";
  private static final String ARTIFACT = "project/artifactId";
  private static final String PARENT_GROUP = "project/parent/groupId";
  private static final String SOURCES = "project/build/sourceDirectory";
  private static final String TEST_SOURCES = "project/build/testSourceDirectory";
  private static final Set<String> MODULES = Set.of("project/modules/module", "project/subprojects/subproject",
      "project/profiles/profile/modules/module", "project/profiles/profile/subprojects/subproject");
  private static final Set<String> SINGLE = Set.of(GROUP, ARTIFACT, PARENT_GROUP, SOURCES, TEST_SOURCES);
  /** The deepest element read: {@code project/profiles/profile/modules/module}. */
  private static final int MAX_DEPTH = 5;

  /** Reads {@code pom.xml}; an unreadable file reads as an empty POM. */
  static Pom read(Path pom) {
    try {
      return parse(Files.readString(pom, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return parse(""); // Unreadable or not UTF-8: a module without coordinates, found by its directory alone.
    }
  }

  /** Reads the elements discovery needs from a POM's text; malformed XML yields what was read before it. */
  static Pom parse(String xml) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    // The element path as "project/build/sourceDirectory", with where each level starts; only the first
    // levels are kept as text, as every element read is at most that deep.
    StringBuilder path = new StringBuilder();
    int[] starts = new int[MAX_DEPTH + 1];
    int depth = 0;
    int textFrom = 0;
    StringBuilder cdata = new StringBuilder();
    int at = 0;
    while (at < xml.length()) {
      int open = xml.indexOf('<', at);
      if (open < 0) {
        break;
      }
      if (xml.startsWith("<![CDATA[", open)) {
        int close = xml.indexOf("]]>", open);
        if (close < 0) {
          break;
        }
        cdata.append(xml, textFrom, open).append(xml, open + "<![CDATA[".length(), close);
        at = close + 3;
        textFrom = at;
        continue;
      }
      String end = xml.startsWith("<!--", open) ? "-->" : ">";
      int close = xml.indexOf(end, open + 1);
      if (close < 0) {
        break;
      }
      at = close + end.length();
      char kind = open + 1 < xml.length() ? xml.charAt(open + 1) : ' ';
      if (kind == '!' || kind == '?') {
        continue; // A comment, a declaration or a processing instruction: the text around it continues.
      }
      if (kind == '/') {
        if (depth <= MAX_DEPTH && depth > 0) {
          String key = path.toString();
          if (SINGLE.contains(key) || MODULES.contains(key)) {
            String text = cdata.length() == 0 ? xml.substring(textFrom, open) : cdata.append(xml, textFrom, open).toString();
            List<String> found = values.get(key);
            if (found == null) {
              found = new ArrayList<>();
              values.put(key, found);
            }
            found.add(unescape(text.trim()));
          }
          path.setLength(starts[depth]);
        }
        depth = Math.max(0, depth - 1);
      } else if (xml.charAt(close - 1) != '/') {
        depth++;
        if (depth <= MAX_DEPTH) {
          starts[depth] = path.length();
          path.append(depth == 1 ? "" : "/").append(localName(xml, open + 1, close));
        }
      }
      cdata.setLength(0);
      textFrom = at;
    }
    // Plain loops rather than streams here and in first(): a POM is read as the test JVM starts, when every
    // new lambda still costs a class of its own.
    List<String> modules = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : values.entrySet()) {
      if (MODULES.contains(entry.getKey())) {
        for (String module : entry.getValue()) {
          if (!module.isEmpty()) {
            modules.add(module);
          }
        }
      }
    }
    String group = first(values, GROUP).orElse(first(values, PARENT_GROUP).orElse(""));
    return new Pom(group, first(values, ARTIFACT).orElse(""), List.copyOf(modules), first(values, SOURCES),
        first(values, TEST_SOURCES));
  }

  /** {@code groupId:artifactId}. */
  String coordinates() {
    return groupId + ":" + artifactId;
  }

  private static Optional<String> first(Map<String, List<String>> values, String key) {
    for (String value : values.getOrDefault(key, List.of())) {
      if (!value.isEmpty()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The name of the tag between {@code from} and {@code to}, without its namespace prefix. */
  private static String localName(String xml, int from, int to) {
    int end = from;
    while (end < to && !Character.isWhitespace(xml.charAt(end)) && xml.charAt(end) != '/') {
      end++;
    }
    int colon = xml.lastIndexOf(':', end - 1);
    return xml.substring(colon >= from ? colon + 1 : from, end);
  }

  private static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
        .replace("&amp;", "&");
  }
}
