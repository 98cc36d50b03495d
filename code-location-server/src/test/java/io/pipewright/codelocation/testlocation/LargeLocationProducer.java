package io.pipewright.codelocation.testlocation;

import io.pipewright.sdk.Definitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Serves {@link LargeLocation}, enabled by {@link LargeLocationProfile}. */
@Alternative
@ApplicationScoped
public class LargeLocationProducer {

  /**
   * Produces the large definitions.
   *
   * @return the definitions
   */
  @Produces
  @Singleton
  Definitions definitions() {
    return LargeLocation.definitions();
  }
}
