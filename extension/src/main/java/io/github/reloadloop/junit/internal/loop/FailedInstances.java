package io.github.reloadloop.junit.internal.loop;

import io.github.reloadloop.junit.internal.examine.Subject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test instances that failures happened in, by test, so that the console's {@code fields} and
 * {@code eval} examine the latest failure's instance: the original run's, or that of one of the loop's
 * nested runs (a rerun, a run in a fresh class loader, a revalidation). A nested run is a launcher run of
 * its own whose configuration parameters are strings, so it finds its session's record through
 * {@value #KEY} in a map of the open records; each record leaves the map when its session closes.
 */
final class FailedInstances implements AutoCloseable {

  /** Configuration parameter of the loop's nested runs: the id of the record their failures go to. */
  static final String KEY = "reload.loop.failed-instances";
  /** The origin of an instance recorded in the outer run, where the test first failed. */
  static final String FAILING_RUN = "the failing run";

  private static final Map<String, FailedInstances> OPEN = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final BooleanSupplier active;
  private final Map<String, Subject> byTest = new ConcurrentHashMap<>();

  private FailedInstances(BooleanSupplier active) {
    this.active = active;
  }

  /** @param active whether failures still enter the loop; only then are instances kept */
  static FailedInstances open(BooleanSupplier active) {
    FailedInstances instances = new FailedInstances(active);
    OPEN.put(instances.id, instances);
    return instances;
  }

  String id() {
    return id;
  }

  /** In one of the loop's nested runs, records the failing test's instances; elsewhere does nothing. */
  static void recordIfNested(ExtensionContext context, Throwable failure) {
    context.getConfigurationParameter(KEY).map(OPEN::get)
        .ifPresent(record -> record.record(context.getUniqueId(), Subject.of(context, failure, "a nested run")));
  }

  void record(String uniqueId, Subject subject) {
    if (active.getAsBoolean()) {
      byTest.put(uniqueId, subject);
    }
  }

  /** The recorded subject of {@code uniqueId} if it failed with {@code failure}; removed either way. */
  Optional<Subject> take(String uniqueId, Throwable failure) {
    Subject subject = byTest.remove(uniqueId);
    return subject != null && subject.failure() == failure ? Optional.of(subject) : Optional.empty();
  }

  /** Drops what is kept for {@code uniqueId}: its loop is over. */
  void forget(String uniqueId) {
    byTest.remove(uniqueId);
  }

  @Override
  public void close() {
    OPEN.remove(id);
    byTest.clear();
  }
}
