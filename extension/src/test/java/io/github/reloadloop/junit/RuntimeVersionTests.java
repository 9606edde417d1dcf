package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * This suite runs on the JUnit and the Java that the build claims for it. Each Surefire execution of the
 * suite (one per JUnit version of the matrix, and one on Java 25 where Temurin 25 is installed) names them
 * in the system properties {@value #JUNIT} and {@value #JAVA}; the tests compare them with what is loaded.
 */
class RuntimeVersionTests {

  static final String JUNIT = "reload.expected.junit";
  static final String JAVA = "reload.expected.java";

  @Test
  void java_isTheFeatureReleaseThisExecutionClaims() {
    assertThat(Runtime.version().feature()).as("Java running this suite (%s)", System.getProperty("java.home"))
        .isEqualTo(Integer.parseInt(expected(JAVA)));
  }

  @Test
  void junit_everyJupiterAndPlatformJarIsTheVersionThisExecutionClaims() {
    String jupiter = expected(JUNIT);
    String platform = jupiter.startsWith("5.") ? "1." + jupiter.substring(2) : jupiter; // 5.10.5 runs on 1.10.5

    for (Class<?> type : List.of(org.junit.jupiter.api.Test.class, JupiterTestEngine.class, ParameterizedTest.class)) {
      assertVersion(type, jupiter);
    }
    for (Class<?> type : List.of(ReflectionSupport.class, TestEngine.class, LauncherFactory.class,
        EngineTestKit.class)) {
      assertVersion(type, platform);
    }
  }

  private static void assertVersion(Class<?> type, String expected) {
    assertThat(type.getPackage().getImplementationVersion())
        .as("version of %s, loaded from %s", type.getName(), type.getProtectionDomain().getCodeSource().getLocation())
        .isEqualTo(expected);
  }

  /** The claimed value; under Surefire it must be set, elsewhere (an IDE) there is nothing to check. */
  private static String expected(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      assertThat(System.getProperty("surefire.test.class.path"))
          .as("%s is not set, but this is a Surefire run: the build's Surefire configuration must set it", key)
          .isNull();
      assumeTrue(false, key + " is set only by the build");
    }
    return value;
  }
}
