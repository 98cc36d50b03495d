package io.pipewright.codelocation.testlocation;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Set;

/** Serves the 10,000-asset location. */
public class LargeLocationProfile implements QuarkusTestProfile {

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(LargeLocationProducer.class);
  }
}
