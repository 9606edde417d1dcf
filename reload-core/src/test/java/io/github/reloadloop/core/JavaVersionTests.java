package io.github.reloadloop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * These tests run on the Java that the build claims for them: each Surefire execution (the build's JDK,
 * and Java 25 where Temurin 25 is installed) names its feature release in {@value #JAVA}.
 */
class JavaVersionTests {

  static final String JAVA = "reload.expected.java";

  @Test
  void java_isTheFeatureReleaseThisExecutionClaims() {
    String expected = System.getProperty(JAVA);
    if (expected == null) {
      assertThat(System.getProperty("surefire.test.class.path")).as("a Surefire run must set %s", JAVA).isNull();
      assumeTrue(false, JAVA + " is set only by the build");
    }
    assertThat(Runtime.version().feature()).as("Java running these tests (%s)", System.getProperty("java.home"))
        .isEqualTo(Integer.parseInt(expected));
  }
}
