package io.github.reloadloop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.support.PackageCycles;
import io.github.reloadloop.junit.internal.attach.AttachCommand;
import org.junit.jupiter.api.Test;

/** The extension's packages point one way: none depends, directly or through others, on one that depends on it. */
class PackageCycleTests {

  @Test
  void extension_packages_noCycle() {
    PackageCycles.assertOneWay(ReloadLoop.class, "io.github.reloadloop.junit", "io.github.reloadloop.junit",
        "io.github.reloadloop.junit.internal.loop", "io.github.reloadloop.junit.internal.fallback",
        "io.github.reloadloop.junit.internal.revalidation", "io.github.reloadloop.junit.internal.examine",
        "io.github.reloadloop.junit.internal.console.choice", "io.github.reloadloop.junit.internal.console.attach",
        "io.github.reloadloop.junit.internal.console.line", "io.github.reloadloop.junit.internal.attach");
  }

  /** {@code java -jar reload-loop.jar attach} runs with the jar alone on the class path: only the JDK is there. */
  @Test
  void attachCommand_package_usesOnlyTheJdk() {
    String attach = AttachCommand.class.getPackageName();
    assertThat(PackageCycles.usedBy(PackageCycles.locationOf(AttachCommand.class), attach))
        .as("packages that " + attach + " uses")
        .isNotEmpty()
        .allMatch(used -> used.startsWith("java.") || used.startsWith("javax.") || used.startsWith("jdk."));
  }
}
