package io.github.reloadloop.junit.internal.engine;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A test or container of a nested run, reported again under the {@code reload-loop} engine with the same
 * display name, source, tags and legacy reporting name, so that build tools file its result under the
 * original test (Surefire lists it as a second run of that test).
 */
final class MirrorDescriptor extends AbstractTestDescriptor {

  private final Type type;
  private final String legacyReportingName;
  private final Set<TestTag> tags;

  MirrorDescriptor(UniqueId uniqueId, TestIdentifier original) {
    super(uniqueId, original.getDisplayName(), original.getSource().orElse(null));
    this.type = original.getType();
    this.legacyReportingName = original.getLegacyReportingName();
    this.tags = new LinkedHashSet<>(original.getTags());
  }

  @Override
  public Type getType() {
    return type;
  }

  @Override
  public String getLegacyReportingName() {
    return legacyReportingName;
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }
}
