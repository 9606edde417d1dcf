package io.github.reloadloop.core.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    Deque<String> path = new ArrayDeque<>();
    StringBuilder text = new StringBuilder();
    int at = 0;
    while (at < xml.length()) {
      int open = xml.indexOf('<', at);
      if (open < 0) {
        break;
      }
      text.append(xml, at, open);
      if (xml.startsWith("<![CDATA[", open)) {
        int close = xml.indexOf("]]>", open);
        if (close < 0) {
          break;
        }
        text.append(xml, open + "<![CDATA[".length(), close);
        at = close + 3;
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
        continue; // A comment, a declaration or a processing instruction.
      }
      String tag = xml.substring(open + 1, close).trim();
      if (kind == '/') {
        String key = String.join("/", path);
        if (SINGLE.contains(key) || MODULES.contains(key)) {
          values.computeIfAbsent(key, k -> new ArrayList<>()).add(unescape(text.toString().trim()));
        }
        path.pollLast();
      } else if (!tag.endsWith("/")) {
        path.addLast(localName(tag));
      }
      text.setLength(0);
    }
    List<String> modules = new ArrayList<>();
    values.forEach((key, found) -> {
      if (MODULES.contains(key)) {
        found.stream().filter(m -> !m.isEmpty()).forEach(modules::add);
      }
    });
    String group = first(values, GROUP).orElse(first(values, PARENT_GROUP).orElse(""));
    return new Pom(group, first(values, ARTIFACT).orElse(""), List.copyOf(modules), first(values, SOURCES),
        first(values, TEST_SOURCES));
  }

  /** {@code groupId:artifactId}. */
  String coordinates() {
    return groupId + ":" + artifactId;
  }

  private static Optional<String> first(Map<String, List<String>> values, String key) {
    return values.getOrDefault(key, List.of()).stream().filter(v -> !v.isEmpty()).findFirst();
  }

  private static String localName(String tag) {
    int space = 0;
    while (space < tag.length() && !Character.isWhitespace(tag.charAt(space))) {
      space++;
    }
    String name = tag.substring(0, space);
    return name.substring(name.indexOf(':') + 1);
  }

  private static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
        .replace("&amp;", "&");
  }
}
