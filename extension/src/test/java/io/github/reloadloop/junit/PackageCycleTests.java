package io.github.reloadloop.junit;

import io.github.reloadloop.core.support.PackageCycles;
import org.junit.jupiter.api.Test;

/** The extension's packages point one way: none depends, directly or through others, on one that depends on it. */
class PackageCycleTests {

  @Test
  void extension_packages_noCycle() {
    PackageCycles.assertOneWay(ReloadLoop.class, "io.github.reloadloop.junit", "io.github.reloadloop.junit",
        "io.github.reloadloop.junit.internal.loop", "io.github.reloadloop.junit.internal.fallback",
        "io.github.reloadloop.junit.internal.revalidation", "io.github.reloadloop.junit.internal.examine");
  }
}
