package io.github.reloadloop.junit.internal.console.choice;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Signs that a run without a terminal is not interactive, so that a failure must not wait for a terminal to
 * attach: a CI service's environment variable, a build that reads neither a terminal nor a pipe (standard
 * input from {@code /dev/null}, closed, or a file), or {@code reload.loop=true} from a file checked into the
 * project rather than from this run's command line.
 */
final class Interactivity {

  /** The loop's switch ({@code LoopConfiguration.LOOP}, which this package cannot see). */
  static final String LOOP = "reload.loop";

  /**
   * Variables that CI services set: the de facto {@code CI} (GitHub Actions, GitLab, Travis, CircleCI,
   * Buildkite, Bitbucket, Drone, Woodpecker, AppVeyor, Semaphore, Cirrus, and many more), and those of the
   * services that do not set it.
   */
  static final List<String> CI_VARIABLES = List.of("CI", "CONTINUOUS_INTEGRATION", "GITHUB_ACTIONS", "GITLAB_CI",
      "TRAVIS", "CIRCLECI", "BUILDKITE", "JENKINS_URL", "HUDSON_URL", "TEAMCITY_VERSION", "TF_BUILD",
      "BITBUCKET_BUILD_NUMBER", "CODEBUILD_BUILD_ID", "bamboo_buildKey", "GO_PIPELINE_NAME", "DRONE", "APPVEYOR",
      "SEMAPHORE", "CIRRUS_CI", "WOODPECKER");

  private Interactivity() {}

  /** The sign of a build whose standard input is {@code /dev/null}: a request not to interact. */
  static final String DEV_NULL = "the build's standard input is /dev/null";

  /** Terminal devices: a pseudo-terminal, a virtual console, the system console. */
  private static final Pattern TERMINAL = Pattern.compile("/dev/(pts/\\d+|tty\\w*|console)");

  /**
   * The sign against waiting in what the build reads from, if any: {@code /dev/null}, nothing (closed), or a
   * file (a JVM started with standard input closed gives its number to a file it opens) are; a terminal is not,
   * and neither is what cannot be known.
   *
   * @param ownInputIsDevNull whether the test JVM's own standard input is {@code /dev/null}
   * @param buildInput where the build's standard input leads ({@code TtyConsoleFactory.buildInput()})
   * @param closed the value of {@code buildInput} that means closed
   */
  static Optional<String> inputSign(boolean ownInputIsDevNull, Optional<String> buildInput, String closed) {
    if (ownInputIsDevNull || buildInput.filter("/dev/null"::equals).isPresent()) {
      return Optional.of(DEV_NULL);
    }
    return buildInput.filter(input -> !TERMINAL.matcher(input).matches())
        .map(input -> input.equals(closed) ? "the build's standard input is closed"
            : "the build's standard input is neither a terminal nor a pipe (" + input + ")");
  }

  /**
   * The signs against waiting for a terminal.
   *
   * @param environment the process environment
   * @param loopFromCommandLine whether {@code reload.loop=true} was given for this run ({@link #loopExplicit})
   * @param inputSign the sign in the build's standard input ({@link #inputSign}), if any
   */
  static List<String> againstWaiting(Map<String, String> environment, boolean loopFromCommandLine,
      Optional<String> inputSign) {
    List<String> signs = new ArrayList<>();
    for (String variable : CI_VARIABLES) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank() && !value.trim().toLowerCase(Locale.ROOT).matches("false|0|no")) {
        signs.add(variable + "=" + value);
      }
    }
    inputSign.ifPresent(signs::add);
    if (!loopFromCommandLine) {
      signs.add(LOOP + "=true comes from junit-platform.properties, not from this run's command line");
    }
    return signs;
  }

  /**
   * Whether {@code reload.loop=true} was given for this run: as a system property ({@code -D}, Gradle's
   * {@code systemProperty}), or as a launcher parameter when no {@code junit-platform.properties} on the test
   * class path sets it.
   */
  static boolean loopExplicit(ClassLoader testLoader) {
    if ("true".equalsIgnoreCase(System.getProperty(LOOP, "").trim())) {
      return true;
    }
    try (InputStream file = testLoader.getResourceAsStream("junit-platform.properties")) {
      if (file == null) {
        return true;
      }
      Properties properties = new Properties();
      properties.load(file);
      return !properties.containsKey(LOOP);
    } catch (IOException | IllegalArgumentException e) {
      return true; // Unreadable: JUnit could not have read the setting from it either.
    }
  }
}
