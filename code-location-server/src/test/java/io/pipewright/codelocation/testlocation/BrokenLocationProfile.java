package io.pipewright.codelocation.testlocation;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Set;

/** Serves definitions that fail to load. */
public class BrokenLocationProfile implements QuarkusTestProfile {

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(BrokenLocationProducer.class);
  }
}
