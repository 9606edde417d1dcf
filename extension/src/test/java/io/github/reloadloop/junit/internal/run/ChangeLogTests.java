package io.github.reloadloop.junit.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reloadloop.core.api.RefusedClass;
import io.github.reloadloop.core.api.ReloadResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeLogTests {

  private static final Path OUTPUT = Path.of("target/classes");

  private final ChangeLog log = new ChangeLog();

  @Test
  void sameRefusedClassFileTwice_oneGeneration_anotherVersion_aNewOne() {
    RefusedClass first = refused(new byte[] {1, 2, 3});
    record(List.of(), first);
    record(List.of(), refused(new byte[] {1, 2, 3})); // The same save, seen by a rescan too.

    assertThat(log.generation()).isEqualTo(1);
    assertThat(log.stale()).containsExactly("acme.Ledger");

    record(List.of(), refused(new byte[] {1, 2, 4})); // Edited again: tests since then ran other code.

    assertThat(log.generation()).isEqualTo(2);
    assertThat(log.changedAfter(1)).containsOnlyKeys("acme.Ledger");
  }

  @Test
  void redefinedClasses_alwaysANewGeneration_compileErrorNone() {
    record(List.of("acme.Entry"));
    record(List.of("acme.Entry"));
    record(List.of());

    assertThat(log.generation()).isEqualTo(2);
    assertThat(log.changedAfter(0).get("acme.Entry").generation()).isEqualTo(1);
  }

  @Test
  void refusedAgainAfterItWasNoLongerStale_isANewChange() {
    record(List.of(), refused(new byte[] {7}));
    record(List.of("acme.Ledger")); // Back to a shape the JVM accepts: redefined, no longer stale.
    record(List.of(), refused(new byte[] {7}));

    assertThat(log.generation()).isEqualTo(3);
  }

  private static RefusedClass refused(byte[] classFile) {
    return new RefusedClass("acme.Ledger", List.of("method mark() added"), classFile, OUTPUT);
  }

  private void record(List<String> redefined, RefusedClass... refused) {
    ReloadResult result = new ReloadResult(Instant.now(), List.of(), List.of(), List.of(), redefined, List.of(),
        List.of(refused), List.of(), "javac", Duration.ZERO, Duration.ZERO, Duration.ZERO);
    log.record(result, refused.length == 0 ? Map.of() : Map.of("acme.Ledger", refused[0]));
  }
}
