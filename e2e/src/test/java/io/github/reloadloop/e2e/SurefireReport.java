package io.github.reloadloop.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/** The counts of a Surefire XML report, and its text for messages and finer checks. */
record SurefireReport(int tests, int failures, int errors, int skipped, String xml) {

  private static final Pattern SYSTEM_OUT = Pattern.compile("(?s)<system-out><!\\[CDATA\\[(.*?)]]></system-out>");

  /** The report of {@code testClass} in a Maven project's {@code target/surefire-reports}. */
  static SurefireReport read(Path project, String testClass) throws Exception {
    Path xml = file(project, testClass);
    if (!Files.isRegularFile(xml)) {
      throw new AssertionError("no Surefire report " + xml);
    }
    Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
    return new SurefireReport(Integer.parseInt(suite.getAttribute("tests")),
        Integer.parseInt(suite.getAttribute("failures")), Integer.parseInt(suite.getAttribute("errors")),
        Integer.parseInt(suite.getAttribute("skipped")), Files.readString(xml, StandardCharsets.UTF_8));
  }

  static Path file(Path project, String testClass) {
    return project.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
  }

  /** Surefire's {@code .dump} and {@code .dumpstream} files, written when the forked JVM did not end cleanly. */
  static List<Path> dumps(Path project) throws IOException {
    Path reports = project.resolve("target/surefire-reports");
    if (!Files.isDirectory(reports)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(reports)) {
      return files.filter(f -> f.getFileName().toString().matches(".*\\.dump(stream)?$")).toList();
    }
  }

  /** What the tests wrote to standard output, as the report keeps it. */
  String systemOut() {
    StringBuilder text = new StringBuilder();
    Matcher section = SYSTEM_OUT.matcher(xml);
    while (section.find()) {
      text.append(section.group(1));
    }
    return text.toString();
  }
}
